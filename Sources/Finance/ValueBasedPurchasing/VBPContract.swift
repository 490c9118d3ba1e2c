public import Foundation

/// A stored value-based-purchasing contract with one payer.
public struct VBPContract: Sendable, Hashable {
    public let id: UUID
    /// Practice Management's payer, checked through the integration layer when saved.
    public let payerID: UUID
    public let name: String
    public let terms: VBPContractTerms
    /// Increases with every change; an update names the version it was made from.
    public let version: Int
    public let updatedAt: Date
}

/// What a create or an update supplies.
public struct VBPContractDraft: Sendable, Hashable {
    public let payerID: UUID
    public let name: String
    public let terms: VBPContractTerms

    public init(payerID: UUID, name: String, terms: VBPContractTerms) {
        self.payerID = payerID
        self.name = name
        self.terms = terms
    }
}
