public import Foundation
import PostgresNIO

extension TestDatabase {
    /// Stores a finalized quality result as Clinical does (with the outbox row it names), as the owner.
    /// The columns are named, so a change to `cl_quality_measure_periods` breaks this fixture as it
    /// breaks the integration read that names the same columns.
    public func insertClinicalQualityResult(organization: UUID, measure: String, start: String, end: String, numerator: Int, denominator: Int,
                                            version: Int) async throws {
        let rate: Double? = denominator == 0 ? nil : (Double(numerator) / Double(denominator) * 10_000).rounded() / 10_000
        try await asOwner("""
            WITH event AS (
              INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, payload, correlation_id)
              VALUES (\(organization), \(UUID()), 'cl_quality_measure_period_calculated', 1, 'cl_events', '{}'::jsonb, \(UUID()))
              RETURNING organization_id, id
            )
            INSERT INTO cl_quality_measure_periods (organization_id, id, measure_id, period_start, period_end, denominator_count, numerator_count,
                                                    rate, calculation_version, calculated_at, metadata, published_event_id)
            SELECT event.organization_id, \(UUID()), \(measure), \(start)::date, \(end)::date, \(denominator), \(numerator), \(rate)::numeric,
                   \(version), now(), '{}'::jsonb, event.id
            FROM event
            """)
    }
}
