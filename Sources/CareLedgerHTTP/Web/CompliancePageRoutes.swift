import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/compliance/iop-php`: the report page. It reads the same query string as the API, so a
/// link copied from one works on the other.
public struct CompliancePageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        router.get("/compliance/iop-php") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.reportsRead)
            let home = try await HomeQuery.load(principal, database: database)
            let facilities = try await database.withTenant(principal.organizationID) { tx in try await Organizations.facilities(in: tx) }
            let typedWeek = request.uri.queryParameters["week"].map(String.init) ?? ""
            let typedFacility = request.uri.queryParameters["facility_id"].flatMap { UUID(uuidString: String($0)) }
            do {
                let report = try await database.withTenant(principal.organizationID) { tx in
                    let query = try await ComplianceReportRequest.query(request, principal: principal, in: tx)
                    return ComplianceReportView(try await IOPPHPComplianceReport.build(query, jurisdictions: jurisdictions, in: tx))
                }
                return WebRoutes.html(CompliancePages.report(home: home, report: report, week: typedWeek.isEmpty ? report.from : typedWeek,
                                                             facilities: facilities, facilityID: report.facilityID))
            } catch let error as DomainError where error.kind == .unprocessable {
                // The form is shown again with what was typed and what is wrong with it.
                return WebRoutes.html(CompliancePages.report(home: home, report: nil, week: typedWeek, facilities: facilities,
                                                             facilityID: typedFacility,
                                                             error: "\(error.field.map { "\($0): " } ?? "")\(error.message)"),
                                      status: .unprocessableContent)
            }
        }
    }
}
