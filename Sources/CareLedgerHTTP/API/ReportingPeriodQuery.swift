import Foundation
import Hummingbird
import Platform

/// The `period_start` / `period_end` query string of the quality and VBP reports, shared by the API
/// and the finance page. Neither means this calendar year on the organization's clock; one alone is
/// completed by the rest of its own calendar year (a start runs to 31 December, an end from 1 January).
struct ReportingPeriodQuery: Sendable, Equatable {
    let start: ServiceDate
    let end: ServiceDate

    static let parameters: [QueryParameter] = [
        QueryParameter("period_start", .string(format: "date"), "Results whose period starts on or after this date (default: 1 January of period_end's year, or of this year)."),
        QueryParameter("period_end", .string(format: "date"), "Results whose period ends on or before this date (default: 31 December of period_start's year, or of this year)."),
    ]

    static func parse(_ request: Request, in tx: TenantTransaction) async throws -> ReportingPeriodQuery {
        let parameters = request.uri.queryParameters
        func date(_ name: String) throws -> ServiceDate? {
            guard let raw = parameters[Substring(name)].map(String.init), !raw.isEmpty else { return nil }
            guard let date = ServiceDate(raw) else { throw DomainError.invalid(name, "\(name) is a date, YYYY-MM-DD.") }
            return date
        }
        switch (try date("period_start"), try date("period_end")) {
        case let (start?, end?):
            guard start <= end else { throw DomainError.invalid("period_end", "period_end cannot be before period_start.") }
            return ReportingPeriodQuery(start: start, end: end)
        case (nil, nil):
            let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx))
            return ReportingPeriodQuery(start: ServiceDate(year: today.year, month: 1, day: 1) ?? today,
                                        end: ServiceDate(year: today.year, month: 12, day: 31) ?? today)
        case let (nil, end?):
            return ReportingPeriodQuery(start: ServiceDate(year: end.year, month: 1, day: 1) ?? end, end: end)
        case let (start?, nil):
            return ReportingPeriodQuery(start: start, end: ServiceDate(year: start.year, month: 12, day: 31) ?? start)
        }
    }
}
