import Foundation
public import Hummingbird
import Platform

/// `GET /api/v1/quality-measure-results`: the seed's `getQualityMeasureResults` over HTTP, the
/// organization's latest aggregate result per measure and period (no patient data), `[]` when none.
public struct QualityMeasureResultRoutes: Sendable {
    let dependencies: AppDependencies

    static let resultSchema: Schema = .object([
        ("measure_id", .string()), ("period_start", .string(format: "date")), ("period_end", .string(format: "date")),
        ("denominator_count", .integer), ("numerator_count", .integer), ("rate", .nullable(.number)),
        ("calculation_version", .integer), ("calculated_at", .string(format: "date-time")),
    ], required: ["measure_id", "period_start", "period_end", "denominator_count", "numerator_count", "calculation_version", "calculated_at"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("QualityMeasureResult", Self.resultSchema)
        let organizationParameter = QueryParameter("organization_id", .string(format: "uuid"),
                                                   "Optional; only your own organization may be named (403 otherwise).")
        registry.add(router, .get, "/api/v1/quality-measure-results",
                     summary: "The latest quality-measure results (aggregates) whose period lies within period_start…period_end",
                     permission: .vbpRead, response: .array(.ref("QualityMeasureResult")), errors: [422],
                     query: ReportingPeriodQuery.parameters + [organizationParameter]) { request, context in
            let principal = try context.require(.vbpRead)
            let organization = try Self.organization(request, principal: principal)
            let results = try await database.withTenant(principal.organizationID) { tx in
                let period = try await ReportingPeriodQuery.parse(request, in: tx)
                return try await QualityMeasureResults.getQualityMeasureResults(organization: organization, periodStart: period.start,
                                                                                periodEnd: period.end, in: tx)
            }
            return JSONResponse(results)
        }
    }

    /// The organization asked about: the caller's own unless `organization_id` names another.
    static func organization(_ request: Request, principal: Principal) throws -> UUID {
        guard let raw = request.uri.queryParameters["organization_id"].map(String.init), !raw.isEmpty else { return principal.organizationID }
        guard let named = UUID(uuidString: raw) else { throw DomainError.invalid("organization_id", "organization_id is a UUID.") }
        return named
    }
}
