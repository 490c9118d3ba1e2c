import Foundation
import PostgresNIO
import Platform

/// A charge a build is about to insert.
struct NewGroupCharge {
    let session: GroupSessionDocumented.Payload
    let line: GroupChargeLine
    let siteID: UUID?
    let profileSource: String
    let fallbackFields: [String]
}

/// An active group charge as a rebuild compares it with the plan.
struct ActiveGroupCharge {
    let id: UUID
    let line: GroupChargeLine
}

/// The set-wise reads and writes behind `GroupChargeBuilder`: each is one statement for the whole batch.
extension GroupChargeBuilder {
    /// The revision last applied per session, read under a per-session lock held to commit: the
    /// event consumer in several processes and a forced correction's direct build can reach the
    /// same session at once, and without the lock both would judge against the same old revision
    /// and the later commit could put back an older build. Locks are taken in id order.
    static func appliedRevisions(_ sessionIDs: [UUID], in tx: TenantTransaction) async throws -> [UUID: Int] {
        try await tx.query("""
            SELECT pg_advisory_xact_lock(hashtext('pm.group-charge-build'), hashtext(id::text))
            FROM (SELECT DISTINCT unnest(\(sessionIDs)::uuid[]) AS id ORDER BY 1) s
            """)
        var revisions: [UUID: Int] = [:]
        for try await (session, revision) in try await tx.query("""
            SELECT session_id, revision FROM pm_group_charge_builds WHERE session_id = ANY(\(sessionIDs))
            """).decode((UUID, Int).self) {
            revisions[session] = revision
        }
        return revisions
    }

    static func facilities(_ ids: Set<UUID>, in tx: TenantTransaction) async throws -> [UUID: (siteID: UUID, stateCode: String)] {
        var found: [UUID: (siteID: UUID, stateCode: String)] = [:]
        for try await (id, site, state) in try await tx.query("""
            SELECT id, site_id, state_code FROM pf_facilities WHERE id = ANY(\(Array(ids)))
            """).decode((UUID, UUID, String).self) {
            found[id] = (site, state)
        }
        return found
    }

    /// Each billable member's primary payer on the session's date, per session, by the one rule
    /// the session's read model also applies (`pm_primary_coverage`, migration 0107).
    static func primaryPayers(_ sessions: [GroupSessionDocumented.Payload], in tx: TenantTransaction) async throws -> [UUID: [UUID: UUID]] {
        var sessionIDs: [UUID] = [], patientIDs: [UUID] = [], dates: [String] = []
        for session in sessions {
            for attendee in session.billableAttendees {
                sessionIDs.append(session.header.id)
                patientIDs.append(attendee.patientId)
                dates.append(session.header.sessionDate.description)
            }
        }
        var payers: [UUID: [UUID: UUID]] = [:]
        for try await (session, patient, payer) in try await tx.query("""
            SELECT m.session_id, m.patient_id, pc.payer_id
            FROM unnest(\(sessionIDs)::uuid[], \(patientIDs)::uuid[], \(dates)::date[]) AS m(session_id, patient_id, service_date)
            CROSS JOIN LATERAL pm_primary_coverage(m.patient_id, m.service_date) AS pc
            """).decode((UUID, UUID, UUID).self) {
            payers[session, default: [:]][patient] = payer
        }
        return payers
    }

    /// Group-size bands by state, then payer, from the one reader of the payers' group rules; a
    /// state where the payer has a supervision rule and no band is left out, as if unread.
    static func bands(payerIDs: Set<UUID>, in tx: TenantTransaction) async throws -> [String: [UUID: [GroupSizeBand]]] {
        var bands: [String: [UUID: [GroupSizeBand]]] = [:]
        for (payer, states) in try await Payers.storedGroupRules(payerIDs: Array(payerIDs), in: tx) {
            for (state, rules) in states where !rules.bands.isEmpty { bands[state, default: [:]][payer] = rules.bands }
        }
        return bands
    }

    /// The sessions' active charges, by session, then member.
    static func activeCharges(sessionIDs: [UUID], in tx: TenantTransaction) async throws -> [UUID: [UUID: ActiveGroupCharge]] {
        var charges: [UUID: [UUID: ActiveGroupCharge]] = [:]
        for try await (id, session, patient, payer, code, modifiers, units, rate, amount, source) in try await tx.query("""
            SELECT id, group_session_id, patient_id, payer_id, procedure_code, modifiers, units, unit_rate_cents, amount_cents::int8,
                   coalesce(facts->>'rate_source', 'unpriced')
            FROM pm_charges WHERE group_session_id = ANY(\(sessionIDs)) AND status = 'active'
            """).decode((UUID, UUID, UUID, UUID?, String, [String], Int, Int?, Int?, String).self) {
            let line = GroupChargeLine(patientID: patient, payerID: payer, procedureCode: code, modifiers: modifiers, units: units,
                                       unitRateCents: rate, amountCents: amount, rateSource: GroupChargeLine.RateSource(rawValue: source) ?? .unpriced)
            charges[session, default: [:]][patient] = ActiveGroupCharge(id: id, line: line)
        }
        return charges
    }

    static func void(_ ids: [UUID], reason: String, by userID: UUID?, in tx: TenantTransaction) async throws {
        guard !ids.isEmpty else { return }
        try await tx.query("""
            UPDATE pm_charges SET status = 'void', void_reason = \(reason), voided_at = now(), voided_by = \(userID)
            WHERE id = ANY(\(ids)) AND status = 'active'
            """)
    }

    static func insert(_ charges: [NewGroupCharge], by userID: UUID?, in tx: TenantTransaction) async throws {
        guard !charges.isEmpty else { return }
        // Arrays of arrays would flatten in unnest, so modifiers and fallbacks travel as comma lists;
        // optional values travel as text with '' for null.
        let facts = charges.map { charge in
            #"{"is_group":\#(charge.session.participantCount >= 2),"billable_count":\#(charge.session.participantCount),"#
                + #""revision":\#(charge.session.revision),"rate_source":"\#(charge.line.rateSource.rawValue)"}"#
        }
        try await tx.query("""
            INSERT INTO pm_charges (organization_id, id, patient_id, site_id, service_date, service_type, minutes, facts, payer_id,
                                    procedure_code, modifiers, units, unit_rate_cents, amount_cents, profile_source, fallback_fields,
                                    group_session_id, created_by)
            SELECT \(tx.organizationID), gen_random_uuid(), c.patient_id, nullif(c.site_id, '')::uuid, c.service_date, c.service_type, c.minutes,
                   c.facts::jsonb, nullif(c.payer_id, '')::uuid, c.procedure_code, coalesce(string_to_array(nullif(c.modifiers, ''), ','), '{}'),
                   c.units, nullif(c.rate, '')::int, nullif(c.amount, '')::int8, c.profile_source,
                   coalesce(string_to_array(nullif(c.fallbacks, ''), ','), '{}'), c.session_id, \(userID)
            FROM unnest(\(charges.map(\.line.patientID))::uuid[], \(charges.map { Self.text($0.siteID) })::text[], \(charges.map(\.session.header.sessionDate.description))::date[],
                        \(charges.map(\.session.header.groupType))::text[], \(charges.map(\.session.header.durationMinutes))::int[], \(facts)::text[],
                        \(charges.map { Self.text($0.line.payerID) })::text[], \(charges.map(\.line.procedureCode))::text[],
                        \(charges.map { $0.line.modifiers.joined(separator: ",") })::text[], \(charges.map(\.line.units))::int[],
                        \(charges.map { Self.text($0.line.unitRateCents) })::text[], \(charges.map { Self.text($0.line.amountCents) })::text[],
                        \(charges.map(\.profileSource))::text[], \(charges.map { $0.fallbackFields.joined(separator: ",") })::text[],
                        \(charges.map(\.session.header.id))::uuid[])
                 AS c(patient_id, site_id, service_date, service_type, minutes, facts, payer_id, procedure_code, modifiers, units, rate, amount,
                      profile_source, fallbacks, session_id)
            """)
    }

    static func record(_ builds: [GroupChargeBuild], in tx: TenantTransaction) async throws {
        try await tx.query("""
            INSERT INTO pm_group_charge_builds (organization_id, session_id, revision, outcome, reason_code, reason, billable_count,
                                                active_charges, voided_charges)
            SELECT \(tx.organizationID), b.session_id, b.revision, b.outcome, nullif(b.reason_code, ''), nullif(b.reason, ''),
                   b.billable_count, b.active_charges, b.voided_charges
            FROM unnest(\(builds.map(\.sessionID))::uuid[], \(builds.map(\.revision))::int[],
                                                        \(builds.map(\.outcome.rawValue))::text[], \(builds.map { $0.problem?.code ?? "" })::text[],
                                                        \(builds.map { $0.problem?.message ?? "" })::text[], \(builds.map(\.billableCount))::int[],
                                                        \(builds.map(\.activeCharges))::int[], \(builds.map(\.voidedCharges))::int[])
                 AS b(session_id, revision, outcome, reason_code, reason, billable_count, active_charges, voided_charges)
            ON CONFLICT (organization_id, session_id) DO UPDATE
            SET revision = EXCLUDED.revision, outcome = EXCLUDED.outcome, reason_code = EXCLUDED.reason_code, reason = EXCLUDED.reason,
                billable_count = EXCLUDED.billable_count, active_charges = EXCLUDED.active_charges,
                voided_charges = EXCLUDED.voided_charges, built_at = now()
            WHERE pm_group_charge_builds.revision < EXCLUDED.revision
            """)
    }

    /// An optional value as unnest's text column ('' for null).
    private static func text(_ value: (some CustomStringConvertible)?) -> String {
        value.map { String(describing: $0) } ?? ""
    }
}
