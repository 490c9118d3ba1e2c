public import Foundation
import PostgresNIO

/// Integration-layer reads of Practice Management's coverage and payer rules, for whoever
/// needs a group's payer (Clinical's live preview, PM's scrubber) without a core importing another.
public enum GroupPayerLookup {
    /// The payer that applies to a group: among the participants' primary active coverages on
    /// the date, the payer covering the most of them (ties go to the payer named first), or nil.
    public static func primaryPayer(patientIDs: [UUID], on date: String, in tx: TenantTransaction) async throws -> (id: UUID, name: String)? {
        guard !patientIDs.isEmpty else { return nil }
        for try await (id, name) in try await tx.query("""
            SELECT p.id, p.name FROM pm_coverages c JOIN pm_payers p ON p.organization_id = c.organization_id AND p.id = c.payer_id
            WHERE c.patient_id = ANY(\(patientIDs)) AND c.active AND c.priority = 1
              AND c.effective_from <= \(date)::date AND (c.effective_to IS NULL OR c.effective_to >= \(date)::date)
            GROUP BY p.id, p.name ORDER BY count(DISTINCT c.patient_id) DESC, p.name LIMIT 1
            """).decode((UUID, String).self) {
            return (id, name)
        }
        return nil
    }

    /// The payer's supervision rule and group-size bands in a state.
    public static func rules(payerID: UUID, payerName: String, stateCode: String, in tx: TenantTransaction) async throws -> PayerGroupRules {
        // One round trip: the supervision limit rides on every band row (or on a lone row
        // when the payer has no bands in the state).
        var supervision: SupervisionRule?
        var bands: [GroupSizeBand] = []
        for try await (limit, low, high, rate) in try await tx.query("""
            SELECT (SELECT max_participants_per_supervisor FROM pm_supervision_rules WHERE payer_id = \(payerID) AND state_code = \(stateCode)),
                   b.min_participants, b.max_participants, b.unit_rate_cents
            FROM (SELECT 1) AS one
            LEFT JOIN pm_group_size_bands b ON b.payer_id = \(payerID) AND b.state_code = \(stateCode)
            ORDER BY b.min_participants
            """).decode((Int?, Int?, Int?, Int?).self) {
            supervision = limit.map(SupervisionRule.init(maxParticipantsPerSupervisor:))
            if let low, let high, let rate { bands.append(GroupSizeBand(minParticipants: low, maxParticipants: high, unitRateCents: rate)) }
        }
        return PayerGroupRules(payerID: payerID.uuidString.lowercased(), payerName: payerName, supervision: supervision, bands: bands)
    }
}
