import Clinical
import Foundation
public import Hummingbird
import Platform

/// `/quality`: the quality page, its finalize form (`POST /quality/periods`) and its value-set
/// form (`POST /quality/value-sets`, the same load as the API).
public struct QualityPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database, bus = dependencies.bus

        @Sendable func render(_ principal: Principal, error: String? = nil) async throws -> String {
            let home = try await HomeQuery.load(principal, database: database)
            let (results, gaps, sets) = try await database.withTenant(principal.organizationID) { tx in
                (try await QualityPeriodResults.latest(in: tx).map(QualityResultView.init), try await CareGapView.load(in: tx),
                 ValueSetView.all(try await ValueSetStore.current(in: tx)))
            }
            return QualityPages.page(home: home, principal: principal, results: results, gaps: gaps, valueSets: sets, canManage: principal.has(.qualityManage), error: error)
        }

        router.get("/quality") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.qualityRead)
            return WebRoutes.html(try await render(principal))
        }

        router.post("/quality/periods") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.qualityManage)
            let fields = try await FormBody.read(request, upTo: 4 * 1024)
            do {
                try fields.refuseControlCharacters()
                guard let start = fields["period_start"].flatMap(ServiceDate.init) else { throw DomainError.invalid("period_start", "Enter the first day (YYYY-MM-DD).") }
                guard let end = fields["period_end"].flatMap(ServiceDate.init) else { throw DomainError.invalid("period_end", "Enter the last day (YYYY-MM-DD).") }
                let period = try MeasurementPeriod(start: start, end: end)
                try await database.withTenant(principal.organizationID) { tx in
                    _ = try await QualityPeriodFinalizer.finalize(period, bus: bus, by: principal, in: tx)
                }
                return WebRoutes.redirect("/quality")
            } catch let error as DomainError where error.kind == .unprocessable {
                return WebRoutes.html(try await render(principal, error: "\(error.field.map { "\($0): " } ?? "")\(error.message)"),
                                      status: .unprocessableContent)
            }
        }

        router.post("/quality/value-sets") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.qualityManage)
            let fields = try await FormBody.read(request, upTo: 2 * 1024 * 1024)
            do {
                try fields.refuseControlCharacters()
                try await database.withTenant(principal.organizationID) { tx in
                    _ = try await ValueSetStore.load(csv: fields["csv"] ?? "", by: principal, in: tx)
                }
                return WebRoutes.redirect("/quality")
            } catch let error as DomainError where error.kind == .unprocessable {
                return WebRoutes.html(try await render(principal, error: "\(error.field.map { "\($0): " } ?? "")\(error.message)"),
                                      status: .unprocessableContent)
            }
        }
    }
}
