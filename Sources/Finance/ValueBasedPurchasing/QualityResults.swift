import Foundation
import PostgresNIO
public import Platform

/// Finance's store of received quality results, keyed by (organization, measure, period start,
/// period end) as the seed's idempotency rule names.
public enum QualityResults {
    /// Stores `result` unless a calculation as new or newer is already stored, and then rebuilds the
    /// outcomes of the contracts it falls under. One guarded upsert decides: a redelivery (same
    /// version) and a late older version change nothing; a newer version replaces the row.
    /// Returns whether the result was applied.
    @discardableResult
    public static func apply(_ result: ReceivedQualityResult, by principal: Principal?, in tx: TenantTransaction) async throws -> Bool {
        let applied = try await tx.rows("""
            INSERT INTO fa_quality_results (organization_id, measure_id, period_start, period_end, denominator_count, numerator_count,
                                            calculation_version, calculated_at)
            VALUES (\(tx.organizationID), \(result.measureID), \(result.periodStart.description)::date, \(result.periodEnd.description)::date,
                    \(result.denominatorCount), \(result.numeratorCount), \(result.calculationVersion), \(result.calculatedAt))
            ON CONFLICT (organization_id, measure_id, period_start, period_end) DO UPDATE
            SET denominator_count = EXCLUDED.denominator_count, numerator_count = EXCLUDED.numerator_count,
                calculation_version = EXCLUDED.calculation_version, calculated_at = EXCLUDED.calculated_at, received_at = now()
            WHERE fa_quality_results.calculation_version < EXCLUDED.calculation_version
            RETURNING 1
            """)
        guard !applied.isEmpty else { return false }
        try await VBPOutcomes.rebuild(result: result, in: tx)
        try await AuditLog.record(AuditEntry(action: "vbp-quality-result.applied", entityType: "quality_measure_result",
                                             entityID: "\(result.measureID)/\(result.periodStart)/\(result.periodEnd)",
                                             details: ["calculation_version": String(result.calculationVersion)]), by: principal, in: tx)
        return true
    }

    /// The stored results whose period lies within `periodStart…periodEnd`, by measure then period.
    public static func list(periodStart: ServiceDate, periodEnd: ServiceDate, in tx: TenantTransaction) async throws -> [ReceivedQualityResult] {
        try await select(measureID: nil, periodStart: periodStart, periodEnd: periodEnd, in: tx)
    }

    static func select(measureID: String?, periodStart: ServiceDate, periodEnd: ServiceDate,
                       in tx: TenantTransaction) async throws -> [ReceivedQualityResult] {
        var results: [ReceivedQualityResult] = []
        for try await (measure, start, end, denominator, numerator, version, calculatedAt) in try await tx.query("""
            SELECT measure_id, to_char(period_start, 'YYYY-MM-DD'), to_char(period_end, 'YYYY-MM-DD'), denominator_count::int8,
                   numerator_count::int8, calculation_version::int8, calculated_at
            FROM fa_quality_results
            WHERE (\(measureID)::text IS NULL OR measure_id = \(measureID))
              AND period_start >= \(periodStart.description)::date AND period_end <= \(periodEnd.description)::date
            ORDER BY measure_id, period_start, period_end
            """).decode((String, String, String, Int, Int, Int, Date).self) {
            guard let startDate = ServiceDate(start), let endDate = ServiceDate(end) else { continue }
            results.append(ReceivedQualityResult(measureID: measure, periodStart: startDate, periodEnd: endDate, denominatorCount: denominator,
                                                 numeratorCount: numerator, calculationVersion: version, calculatedAt: calculatedAt))
        }
        return results
    }
}
