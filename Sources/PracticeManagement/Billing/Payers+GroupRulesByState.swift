public import Foundation
public import Platform

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
        let states = try await storedGroupRules(payerIDs: [payerID], in: tx)[payerID] ?? [:]
        return states.keys.sorted().map { state in
            PayerStateGroupRules(stateCode: state, rules: PayerGroupRules(payerID: payerID, payerName: payer.name,
                                                                          supervision: states[state]?.supervision, bands: states[state]?.bands ?? []))
        }
    }
}
