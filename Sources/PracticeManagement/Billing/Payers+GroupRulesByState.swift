public import Foundation
public import Platform
import PostgresNIO

/// A payer's group rules in one state, as the API and the billing-rules page list them.
public struct PayerStateGroupRules: Sendable, Hashable {
    public let stateCode: String
    public let rules: PayerGroupRules
}

extension Payers {
    /// Every state in which the payer has a supervision rule or a band, each with its rules (the
    /// same read the preview and the scrubber apply), in state order; 404 for an unknown payer.
    public static func groupRulesByState(payerID: UUID, in tx: TenantTransaction) async throws -> [PayerStateGroupRules] {
        let payer = try await find(payerID, in: tx)
        let states = try await tx.rows("""
            SELECT state_code FROM pm_supervision_rules WHERE payer_id = \(payerID)
            UNION SELECT state_code FROM pm_group_size_bands WHERE payer_id = \(payerID)
            ORDER BY state_code
            """).map { try $0.decode(String.self) }
        var result: [PayerStateGroupRules] = []
        for state in states {
            result.append(PayerStateGroupRules(
                stateCode: state, rules: try await groupRules(payerID: payerID, payerName: payer.name, stateCode: state, in: tx)))
        }
        return result
    }
}
