import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/compliance/iop-php`: the report page. It reads the same query string as the API (so a link
/// copied from one works on the other), but opens on the last complete week, not the current one.
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
            let parameters = request.uri.queryParameters
            let typed = { (name: String) in parameters[Substring(name)].map(String.init) ?? "" }
            let typedFacility = UUID(uuidString: typed("facility_id"))
            let level = CompliancePages.Level(rawValue: typed("level")) ?? .iop
            let asksForPeriod = !typed("week").isEmpty || !typed("from").isEmpty || !typed("to").isEmpty
            do {
                let report = try await database.withTenant(principal.organizationID) { tx in
                    var query = try await ComplianceReportRequest.query(request, principal: principal, in: tx)
                    if !asksForPeriod {
                        // Staff review a week once it is over: the page opens on the last complete one.
                        let today = ServiceDate.today(in: try await Organizations.timeZone(facility: query.facilityID, in: tx))
                        query = IOPPHPComplianceQuery(period: CompliancePeriod(weekContaining: today.adding(days: -7) ?? today),
                                                      facilityID: query.facilityID, patientID: query.patientID)
                    }
                    return ComplianceReportView(try await IOPPHPComplianceReport.build(query, jurisdictions: jurisdictions, in: tx))
                }
                return WebRoutes.html(CompliancePages.report(home: home, principal: principal, report: report,
                                                             week: asksForPeriod ? typed("week") : report.from, level: level,
                                                             facilities: facilities, facilityID: report.facilityID))
            } catch let error as DomainError where error.kind == .unprocessable {
                // The form is shown again with what was typed and what is wrong with it.
                return WebRoutes.html(CompliancePages.report(home: home, principal: principal, report: nil, week: typed("week"), level: level,
                                                             facilities: facilities, facilityID: typedFacility,
                                                             outcome: .refusal("The report was not run", error.message, code: error.field)),
                                      status: .unprocessableContent)
            }
        }
    }
}
