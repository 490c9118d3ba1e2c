public import Foundation
import PostgresNIO
public import Platform

extension Payers {
    /// The payer's supervision rule and group-size bands in a state, bands in the order every
    /// reader of `pm_group_size_bands` uses (lowest minimum first, then id).
    public static func groupRules(payerID: UUID, payerName: String, stateCode: String, in tx: TenantTransaction) async throws -> PayerGroupRules {
        // One round trip: the supervision limit rides on every band row (or on a lone row
        // when the payer has no bands in the state).
        var supervision: SupervisionRule?
        var bands: [GroupSizeBand] = []
        for try await (limit, low, high, rate) in try await tx.query("""
            SELECT (SELECT max_participants_per_supervisor FROM pm_supervision_rules WHERE payer_id = \(payerID) AND state_code = \(stateCode)),
                   b.min_participants, b.max_participants, b.unit_rate_cents
            FROM (SELECT 1) AS one
            LEFT JOIN pm_group_size_bands b ON b.payer_id = \(payerID) AND b.state_code = \(stateCode)
            ORDER BY b.min_participants, b.id
            """).decode((Int?, Int?, Int?, Int?).self) {
            supervision = limit.map(SupervisionRule.init(maxParticipantsPerSupervisor:))
            if let low, let high, let rate { bands.append(GroupSizeBand(minParticipants: low, maxParticipants: high, unitRateCents: rate)) }
        }
        return PayerGroupRules(payerID: payerID, payerName: payerName, supervision: supervision, bands: bands)
    }
}
