import Foundation
import Logging
import Platform
import PostgresNIO

/// The floor `bench charges` compares with: the same charge rows written by one hand-written
/// `INSERT … SELECT` (units, modifiers and provenance computed once from the same rules), then
/// removed again so the event path starts from nothing.
enum ChargesFloor {
    static func measure(owner: PostgresClient, jurisdictions: JurisdictionResolver, database: Database,
                        logger: Logger) async throws -> (rows: Int, cents: Int, seconds: Double) {
        // Every session has the same duration, site and 8 billable members: evaluate the rules once.
        let (organization, site, minutes) = try await owner.withConnection { connection in
            var found: (UUID, UUID, Int)?
            for try await row in try await connection.query("""
                SELECT s.organization_id, f.site_id, (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int
                FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id LIMIT 1
                """, logger: logger).decode((UUID, UUID, Int).self) { found = row }
            guard let found else { throw CommandFailure("The benchmark has no sessions.") }
            return found
        }
        let jurisdiction = try await database.withTenant(organization) { tx in await jurisdictions.resolve(siteID: site, in: tx) }
        let units = computeTimedUnits(minutes: minutes, minimumBillableMinutes: jurisdiction.billing.minBillableMinutes,
                                      unitMinutes: jurisdiction.billing.timedCodeUnitMinutes).units ?? 0
        let modifiers = CompiledModifierRules(jurisdiction.billing).select(for: EncounterFacts(isGroup: true)).codes
        let source = jurisdiction.source.recordValue
        let fallbacks = jurisdiction.fallbacks.map(\.rawValue).sorted()
        let started = ContinuousClock.now
        let rows = try await owner.withConnection { connection in
            var inserted = 0
            for try await n in try await connection.query("""
                WITH billable AS (
                  SELECT organization_id, session_id, count(*)::int AS n FROM cl_group_attendance
                  WHERE patient_id IS NOT NULL AND attendance_status IN ('ATTENDED', 'LATE') GROUP BY organization_id, session_id
                ), inserted AS (
                  INSERT INTO pm_charges (organization_id, id, patient_id, site_id, service_date, service_type, minutes, facts, payer_id,
                                          procedure_code, modifiers, units, unit_rate_cents, amount_cents, profile_source, fallback_fields,
                                          group_session_id)
                  SELECT s.organization_id, gen_random_uuid(), a.patient_id, f.site_id, s.session_date, s.group_type,
                         (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
                         jsonb_build_object('is_group', b.n >= 2, 'billable_count', b.n, 'revision', 1, 'rate_source', 'group_size_band'),
                         c.payer_id, m.procedure_code, \(modifiers), \(units), g.unit_rate_cents, \(units) * g.unit_rate_cents, \(source),
                         \(fallbacks), s.id
                  FROM cl_group_sessions s
                  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
                  JOIN billable b ON b.organization_id = s.organization_id AND b.session_id = s.id
                  JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.patient_id IS NOT NULL AND a.attendance_status IN ('ATTENDED', 'LATE')
                  JOIN pm_coverages c ON c.organization_id = a.organization_id AND c.patient_id = a.patient_id AND c.active AND c.priority = 1
                  JOIN pm_group_size_bands g ON g.organization_id = c.organization_id AND g.payer_id = c.payer_id AND g.state_code = f.state_code
                   AND b.n BETWEEN g.min_participants AND g.max_participants
                  JOIN pm_service_code_mappings m ON m.organization_id = s.organization_id AND m.service_type = s.group_type
                  RETURNING 1
                )
                SELECT count(*)::int FROM inserted
                """, logger: logger).decode(Int.self) { inserted = n }
            return inserted
        }
        let seconds = (ContinuousClock.now - started).seconds
        let cents = try await activeCharges(owner, logger: logger).cents
        try await owner.query("DELETE FROM pm_charges", logger: logger)
        try await owner.query("VACUUM ANALYZE pm_charges", logger: logger)
        return (rows, cents, seconds)
    }

    /// Active charges and their total, read as the owner.
    static func activeCharges(_ owner: PostgresClient, logger: Logger) async throws -> (count: Int, cents: Int) {
        var result = (count: 0, cents: 0)
        for try await (count, cents) in try await owner.query("""
            SELECT count(*)::int, coalesce(sum(amount_cents), 0)::int8 FROM pm_charges WHERE status = 'active'
            """, logger: logger).decode((Int, Int).self) { result = (count, cents) }
        return result
    }
}
