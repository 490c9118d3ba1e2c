/// What one quality result means in money under one contract.
public struct VBPOutcome: Sendable, Hashable {
    /// numerator ÷ denominator in basis points, rounded; nil when the denominator is 0.
    public let rateBasisPoints: Int?
    /// The highest tier reached, counting from 1; nil when the target was missed (or nothing was measured).
    public let tierReached: Int?
    public let incentiveEarnedCents: Int
    /// The withhold returned because the target was met (or nothing could be measured).
    public let atRiskRetainedCents: Int
    /// The withhold kept by the payer because the target was missed.
    public let atRiskLostCents: Int
    /// Base revenue − at-risk lost + incentive earned.
    public let qualityAdjustedRevenueCents: Int

    public init(rateBasisPoints: Int?, tierReached: Int?, incentiveEarnedCents: Int, atRiskRetainedCents: Int, atRiskLostCents: Int,
                qualityAdjustedRevenueCents: Int) {
        self.rateBasisPoints = rateBasisPoints
        self.tierReached = tierReached
        self.incentiveEarnedCents = incentiveEarnedCents
        self.atRiskRetainedCents = atRiskRetainedCents
        self.atRiskLostCents = atRiskLostCents
        self.qualityAdjustedRevenueCents = qualityAdjustedRevenueCents
    }

    /// Settles a result (numerator of denominator) against a contract's terms.
    ///
    /// - A tier is reached when numerator × 10 000 ≥ its minimum × denominator: exact, so a rate
    ///   exactly on a threshold reaches it, and no rounding of the rate moves a result across one.
    /// - Incentive earned = the full incentive × the highest tier's earned share (half-up cents).
    /// - The withhold is all-or-nothing on the target (the first tier): retained when met, lost when not.
    /// - With a denominator of 0 nothing was measured: no incentive, and the withhold is retained,
    ///   because a payer cannot judge an empty population.
    public static func settle(numerator: Int, denominator: Int, under terms: VBPContractTerms) -> VBPOutcome {
        guard denominator > 0 else {
            return VBPOutcome(rateBasisPoints: nil, tierReached: nil, incentiveEarnedCents: 0, atRiskRetainedCents: terms.withholdCents,
                              atRiskLostCents: 0, qualityAdjustedRevenueCents: terms.baseRevenueCents)
        }
        let rate = (numerator * BasisPoints.whole + denominator / 2) / denominator
        let reached = terms.tiers.lastIndex { numerator * BasisPoints.whole >= $0.minimumRateBasisPoints * denominator }
        let earned = reached.map { BasisPoints.share(of: terms.incentive.fullIncentiveCents, terms.tiers[$0].earnedBasisPoints) } ?? 0
        let retained = reached == nil ? 0 : terms.withholdCents
        let lost = terms.withholdCents - retained
        return VBPOutcome(rateBasisPoints: rate, tierReached: reached.map { $0 + 1 }, incentiveEarnedCents: earned,
                          atRiskRetainedCents: retained, atRiskLostCents: lost,
                          qualityAdjustedRevenueCents: terms.baseRevenueCents - lost + earned)
    }
}
