public import Foundation
import PostgresNIO
public import Platform

extension Payers {
    /// A payer's supervision rule and group-size bands in one state: what the two tables hold for it.
    struct StoredGroupRules {
        var supervision: SupervisionRule?
        var bands: [GroupSizeBand] = []
    }

    /// The one reader of `pm_supervision_rules` and `pm_group_size_bands`: the payers' rules by
    /// payer, then state, in one statement; every state is read unless `stateCode` names one. Bands
    /// come lowest minimum first, then id, the order the session read model's SQL (Platform
    /// migration 0902) also uses, so the preview, the scrubber, the charge build and the
    /// billing-rules page see one band list in one order.
    static func storedGroupRules(payerIDs: [UUID], stateCode: String? = nil,
                                 in tx: TenantTransaction) async throws -> [UUID: [String: StoredGroupRules]] {
        guard !payerIDs.isEmpty else { return [:] }
        var rules: [UUID: [String: StoredGroupRules]] = [:]
        for try await (payer, state, limit, low, high, rate) in try await tx.query("""
            SELECT coalesce(b.payer_id, s.payer_id), coalesce(b.state_code, s.state_code), s.max_participants_per_supervisor,
                   b.min_participants, b.max_participants, b.unit_rate_cents
            FROM (SELECT organization_id, id, payer_id, state_code, min_participants, max_participants, unit_rate_cents FROM pm_group_size_bands
                  WHERE payer_id = ANY(\(payerIDs)) AND (\(stateCode)::text IS NULL OR state_code = \(stateCode))) AS b
            FULL JOIN (SELECT organization_id, payer_id, state_code, max_participants_per_supervisor FROM pm_supervision_rules
                       WHERE payer_id = ANY(\(payerIDs)) AND (\(stateCode)::text IS NULL OR state_code = \(stateCode))) AS s
              ON s.organization_id = b.organization_id AND s.payer_id = b.payer_id AND s.state_code = b.state_code
            ORDER BY b.min_participants, b.id
            """).decode((UUID, String, Int?, Int?, Int?, Int?).self) {
            var stored = rules[payer, default: [:]][state, default: StoredGroupRules()]
            stored.supervision = limit.map(SupervisionRule.init(maxParticipantsPerSupervisor:))
            if let low, let high, let rate { stored.bands.append(GroupSizeBand(minParticipants: low, maxParticipants: high, unitRateCents: rate)) }
            rules[payer, default: [:]][state] = stored
        }
        return rules
    }

    /// The payer's supervision rule and group-size bands in a state (none of either when it has none there).
    public static func groupRules(payerID: UUID, payerName: String, stateCode: String, in tx: TenantTransaction) async throws -> PayerGroupRules {
        let stored = try await storedGroupRules(payerIDs: [payerID], stateCode: stateCode, in: tx)[payerID]?[stateCode] ?? StoredGroupRules()
        return PayerGroupRules(payerID: payerID, payerName: payerName, supervision: stored.supervision, bands: stored.bands)
    }
}
