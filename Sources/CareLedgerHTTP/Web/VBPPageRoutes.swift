import Finance
import Foundation
public import Hummingbird
import Platform

/// `/finance/vbp`: the finance page. It reads the same query string as `/api/v1/vbp/outcomes`, so
/// its CSV link exports exactly what it shows.
public struct VBPPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/finance/vbp") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.vbpRead)
            let home = try await HomeQuery.load(principal, database: database)
            let typedStart = request.uri.queryParameters["period_start"].map(String.init) ?? ""
            let typedEnd = request.uri.queryParameters["period_end"].map(String.init) ?? ""
            do {
                let model = try await database.withTenant(principal.organizationID) { tx in
                    let period = try await ReportingPeriodQuery.parse(request, in: tx)
                    let contracts = try await VBPContracts.list(in: tx)
                    return VBPPageModel(
                        periodStart: period.start, periodEnd: period.end, contracts: contracts.map(VBPContractView.init),
                        payerNames: try await PayerLookup.names(Array(Set(contracts.map(\.payerID))), in: tx),
                        results: try await QualityResults.list(periodStart: period.start, periodEnd: period.end, in: tx),
                        outcomes: try await VBPOutcomes.list(periodStart: period.start, periodEnd: period.end, in: tx).map(VBPOutcomeView.init))
                }
                let saved = request.uri.queryParameters["saved"] != nil
                return WebRoutes.html(VBPPage.render(home: home, principal: principal, model: model, periodStart: model.periodStart.description,
                                                     periodEnd: model.periodEnd.description,
                                                     outcome: saved ? .success("The contract was saved", "Its figures were recalculated from the results received.") : nil))
            } catch let error as DomainError where error.kind == .unprocessable {
                return WebRoutes.html(VBPPage.render(home: home, principal: principal, model: nil, periodStart: typedStart, periodEnd: typedEnd,
                                                     error: "\(error.field.map { "\($0): " } ?? "")\(error.message)"),
                                      status: .unprocessableContent)
            }
        }
    }
}
