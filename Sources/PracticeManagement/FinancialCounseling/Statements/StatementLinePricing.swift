/// How a statement prices one charge for the patient. Patient responsibility: a charge with no
/// payer is the patient's in full; a charge billed to a payer is 0 until remittances are
/// recorded (CareLedger has no remittance intake yet, so what a payer leaves to the patient is
/// not known). The sliding-fee class takes its adjustment first; the charity discount then
/// applies to what remains.
public struct StatementLinePricing: Sendable, Equatable, Codable {
    public let responsibilityCents: Int
    public let slidingFeeAdjustmentCents: Int
    public let charityAdjustmentCents: Int

    enum CodingKeys: String, CodingKey {
        case responsibilityCents = "patient_responsibility_cents", slidingFeeAdjustmentCents = "sliding_fee_adjustment_cents",
             charityAdjustmentCents = "charity_adjustment_cents", dueCents = "due_cents"
    }

    public var dueCents: Int { responsibilityCents - slidingFeeAdjustmentCents - charityAdjustmentCents }

    public init(chargeCents: Int, billedToPayer: Bool, slidingFee: SlidingFeeCharge?, charityDiscountPercent: Int?) {
        responsibilityCents = billedToPayer ? 0 : max(chargeCents, 0)
        slidingFeeAdjustmentCents = slidingFee?.adjustment(onResponsibility: responsibilityCents) ?? 0
        let remaining = responsibilityCents - slidingFeeAdjustmentCents
        charityAdjustmentCents = charityDiscountPercent.map { SlidingFeeCharge.discountPercent($0).adjustment(onResponsibility: remaining) } ?? 0
    }

    /// Pricing computed elsewhere with the same rule (a statement run prices in SQL with
    /// `pm_fee_adjustment_cents`, held to `init(chargeCents:…)` by the parity tests).
    init(responsibilityCents: Int, slidingFeeAdjustmentCents: Int, charityAdjustmentCents: Int) {
        self.responsibilityCents = responsibilityCents
        self.slidingFeeAdjustmentCents = slidingFeeAdjustmentCents
        self.charityAdjustmentCents = charityAdjustmentCents
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        responsibilityCents = try container.decode(Int.self, forKey: .responsibilityCents)
        slidingFeeAdjustmentCents = try container.decode(Int.self, forKey: .slidingFeeAdjustmentCents)
        charityAdjustmentCents = try container.decode(Int.self, forKey: .charityAdjustmentCents)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(responsibilityCents, forKey: .responsibilityCents)
        try container.encode(slidingFeeAdjustmentCents, forKey: .slidingFeeAdjustmentCents)
        try container.encode(charityAdjustmentCents, forKey: .charityAdjustmentCents)
        try container.encode(dueCents, forKey: .dueCents)
    }
}
