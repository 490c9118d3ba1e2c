public import Foundation
public import Platform
import PostgresNIO

/// Reads of the stored results: the latest version of each measure per period (the page, the
/// MeasureReport export) and one result by id.
public enum QualityPeriodResults {
    static let columns = """
        id, measure_id, to_char(period_start, 'YYYY-MM-DD'), to_char(period_end, 'YYYY-MM-DD'), denominator_count, numerator_count,
        rate::float8, calculation_version, calculated_at, published_event_id,
        coalesce((metadata->>'initial_population_count')::int, denominator_count), coalesce((metadata->>'exclusion_count')::int, 0)
        """

    static func decode(_ rows: [PostgresRow]) throws -> [QualityMeasurePeriodResult] {
        try rows.map { row in
            let (id, measure, start, end, denominator, numerator, rate, version, at, event, initial, excluded) =
                try row.decode((UUID, String, String, String, Int, Int, Double?, Int, Date, UUID, Int, Int).self)
            return QualityMeasurePeriodResult(id: id, measureId: measure, periodStart: ServiceDate(start)!, periodEnd: ServiceDate(end)!,
                                              denominatorCount: denominator, numeratorCount: numerator, rate: rate, calculationVersion: version,
                                              calculatedAt: at, publishedEventId: event, initialPopulationCount: initial, exclusionCount: excluded)
        }
    }

    /// The newest version of every measure of every finalized period, newest period first.
    public static func latest(in tx: TenantTransaction) async throws -> [QualityMeasurePeriodResult] {
        try decode(try await tx.rows("""
            SELECT DISTINCT ON (period_start, period_end, measure_id) \(unescaped: columns)
            FROM cl_quality_measure_periods
            ORDER BY period_start DESC, period_end DESC, measure_id, calculation_version DESC
            """))
    }

    /// One stored result; nil when it does not exist in this organization.
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> QualityMeasurePeriodResult? {
        try decode(try await tx.rows("SELECT \(unescaped: columns) FROM cl_quality_measure_periods WHERE id = \(id)")).first
    }
}
