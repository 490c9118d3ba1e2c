public import Foundation
import PostgresNIO

/// One quality indicator's aggregate result for a measurement period, as Clinical last calculated
/// it (CL-15 / CL-35). Counts and a rate only: nothing about any patient.
public struct QualityMeasureResult: Sendable, Equatable, Codable {
    /// The indicator, e.g. `HEDIS_FUH_7`.
    public let measureId: String
    /// First day of the measurement period (YYYY-MM-DD).
    public let periodStart: String
    /// Last day of the measurement period, inclusive (YYYY-MM-DD).
    public let periodEnd: String
    public let denominatorCount: Int
    public let numeratorCount: Int
    /// numerator ÷ denominator as a fraction 0…1; nil when the denominator is 0.
    public let rate: Double?
    /// The newest calculation of this measure and period.
    public let calculationVersion: Int
    public let calculatedAt: Date

    public init(measureId: String, periodStart: String, periodEnd: String, denominatorCount: Int, numeratorCount: Int, rate: Double?,
                calculationVersion: Int, calculatedAt: Date) {
        self.measureId = measureId
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.denominatorCount = denominatorCount
        self.numeratorCount = numeratorCount
        self.rate = rate
        self.calculationVersion = calculationVersion
        self.calculatedAt = calculatedAt
    }
}

/// The seed's optional platform API over Clinical's `cl_quality_measure_periods`, for Finance's
/// reconciliation and the `GET /api/v1/quality-measure-results` route.
public enum QualityMeasureResults {
    /// The latest calculation of every measure whose period lies within `periodStart…periodEnd`
    /// (both inclusive), ordered by measure then period; `[]` when there is none. Refuses an
    /// organization other than the transaction's (row-level security would show nothing of it anyway).
    public static func getQualityMeasureResults(organization: UUID, periodStart: ServiceDate, periodEnd: ServiceDate,
                                                in tx: TenantTransaction) async throws -> [QualityMeasureResult] {
        guard organization == tx.organizationID else {
            throw DomainError(.forbidden, code: "ORGANIZATION_ACCESS", message: "Quality results are readable only for your own organization.")
        }
        var results: [QualityMeasureResult] = []
        for try await (measure, start, end, denominator, numerator, rate, version, calculatedAt) in try await tx.query("""
            SELECT DISTINCT ON (measure_id, period_start, period_end)
                   measure_id, to_char(period_start, 'YYYY-MM-DD'), to_char(period_end, 'YYYY-MM-DD'),
                   denominator_count::int, numerator_count::int, rate::float8, calculation_version::int, calculated_at
            FROM cl_quality_measure_periods
            WHERE period_start >= \(periodStart.description)::date AND period_end <= \(periodEnd.description)::date
            ORDER BY measure_id, period_start, period_end, calculation_version DESC
            """).decode((String, String, String, Int, Int, Double?, Int, Date).self) {
            results.append(QualityMeasureResult(measureId: measure, periodStart: start, periodEnd: end, denominatorCount: denominator,
                                                numeratorCount: numerator, rate: rate, calculationVersion: version, calculatedAt: calculatedAt))
        }
        return results
    }
}
