import Foundation
public import Hummingbird
import NIOCore
import Platform
import PracticeManagement

/// `/api/v1/compliance/iop-php`: the PM-11 weekly IOP/PHP compliance report, as JSON or CSV.
public struct ComplianceRoutes: Sendable {
    let dependencies: AppDependencies

    static let queryParameters: [QueryParameter] = [
        QueryParameter("week", .string(format: "date"), "Report the Monday-to-Sunday week containing this date (default: this week). Not with from/to."),
        QueryParameter("from", .string(format: "date"), "First date of a range (e.g. a month); widened to whole weeks."),
        QueryParameter("to", .string(format: "date"), "Last date of the range (default: from); at most 91 days after from (92 days in all); widened to whole weeks."),
        QueryParameter("facility_id", .string(format: "uuid"), "Only sessions at this facility; its site's profile then judges every week."),
        QueryParameter("patient_id", .string(format: "uuid"), "Only this patient."),
        QueryParameter("format", .string(enumeration: ["json", "csv"]), "csv answers text/csv, one line per patient-week (default json)."),
    ]

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        registry.component("IOPPHPLevelResult", ComplianceReportView.levelSchema)
        registry.component("IOPPHPComplianceRow", ComplianceReportView.rowSchema)

        registry.add(router, .get, "/api/v1/compliance/iop-php",
                     summary: "Weekly IOP/PHP compliance per patient: days and hours attended, days meeting each level's day minimum, met and shortfall",
                     permission: .reportsRead, response: ComplianceReportView.schema, errors: [422], query: Self.queryParameters,
                     alternateResponses: [("text/csv", .string())]) { request, context in
            let principal = try context.require(.reportsRead)
            let format = try ComplianceReportRequest.format(request)
            let report = try await database.withTenant(principal.organizationID) { tx in
                let query = try await ComplianceReportRequest.query(request, principal: principal, in: tx)
                return ComplianceReportView(try await IOPPHPComplianceReport.build(query, jurisdictions: jurisdictions, in: tx))
            }
            return format == "csv" ? ComplianceReportRequest.csvResponse(report) : try JSONResponse(report).response(from: request, context: context)
        }
    }
}

/// The report's query string, shared by the API and the page.
enum ComplianceReportRequest {
    static func format(_ request: Request) throws -> String {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard ["json", "csv"].contains(format) else { throw DomainError.invalid("format", "format is json or csv.") }
        return format
    }

    static func query(_ request: Request, principal: Principal, in tx: TenantTransaction) async throws -> IOPPHPComplianceQuery {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? { parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        func date(_ name: String) throws -> ServiceDate? {
            guard let raw = value(name) else { return nil }
            guard let date = ServiceDate(raw) else { throw DomainError.invalid(name, "\(name) is a date, YYYY-MM-DD.") }
            return date
        }
        func id(_ name: String) throws -> UUID? {
            guard let raw = value(name) else { return nil }
            guard let id = UUID(uuidString: raw) else { throw DomainError.invalid(name, "\(name) is a UUID.") }
            return id
        }
        let facility = try id("facility_id"), patient = try id("patient_id")
        let week = try date("week"), from = try date("from"), to = try date("to")
        let period: CompliancePeriod
        if let week {
            guard from == nil, to == nil else { throw DomainError.invalid("week", "Ask for a week or a from/to range, not both.") }
            period = CompliancePeriod(weekContaining: week)
        } else if let from {
            period = try CompliancePeriod(from: from, to: to ?? from)
        } else if to != nil {
            throw DomainError.invalid("from", "from is required with to.", code: "MISSING_FIELD")
        } else {
            period = CompliancePeriod(weekContaining: ServiceDate.today(in: try await Organizations.timeZone(facility: facility, in: tx)))
        }
        return IOPPHPComplianceQuery(period: period, facilityID: facility, patientID: patient)
    }

    static func csvResponse(_ report: ComplianceReportView) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"iop-php-compliance-\(report.from)-to-\(report.to).csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: ComplianceCSV.render(report))))
    }
}
