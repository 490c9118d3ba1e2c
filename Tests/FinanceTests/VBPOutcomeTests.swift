import Finance
import Platform
import Testing

/// The settlement rule, row by row: a contract for HEDIS_FUH_30 in 2026 with a target of 60 %
/// (tier 1, half the incentive) and 75 % (tier 2, the whole incentive), a $10,000 incentive,
/// $5,000 withheld and $200,000 of contracted revenue.
@Suite struct VBPOutcomeTests {
    static let tiered = VBPContractTerms(
        measureID: "HEDIS_FUH_30", performancePeriodStart: ServiceDate("2026-01-01")!, performancePeriodEnd: ServiceDate("2026-12-31")!,
        tiers: [PerformanceTier(minimumRateBasisPoints: 6_000, earnedBasisPoints: 5_000), PerformanceTier(minimumRateBasisPoints: 7_500, earnedBasisPoints: 10_000)],
        incentive: .fixedAmount(cents: 1_000_000), withholdCents: 500_000, baseRevenueCents: 20_000_000)

    struct Row: Sendable, CustomTestStringConvertible {
        let numerator: Int, denominator: Int
        let rate: Int?, tier: Int?, earned: Int, retained: Int, lost: Int, adjusted: Int
        var testDescription: String { "\(numerator)/\(denominator)" }
    }

    @Test("tiers, incentive, withhold and quality-adjusted revenue", arguments: [
        // numerator/denominator → rate (bp), tier, incentive earned, retained, lost, adjusted revenue (cents)
        Row(numerator: 59, denominator: 100, rate: 5_900, tier: nil, earned: 0, retained: 0, lost: 500_000, adjusted: 19_500_000),
        Row(numerator: 60, denominator: 100, rate: 6_000, tier: 1, earned: 500_000, retained: 500_000, lost: 0, adjusted: 20_500_000),
        Row(numerator: 74, denominator: 100, rate: 7_400, tier: 1, earned: 500_000, retained: 500_000, lost: 0, adjusted: 20_500_000),
        Row(numerator: 3, denominator: 4, rate: 7_500, tier: 2, earned: 1_000_000, retained: 500_000, lost: 0, adjusted: 21_000_000),
        Row(numerator: 100, denominator: 100, rate: 10_000, tier: 2, earned: 1_000_000, retained: 500_000, lost: 0, adjusted: 21_000_000),
        Row(numerator: 0, denominator: 7, rate: 0, tier: nil, earned: 0, retained: 0, lost: 500_000, adjusted: 19_500_000),
        // 2/3 = 66.67 %: the rate shown rounds, the comparison is exact.
        Row(numerator: 2, denominator: 3, rate: 6_667, tier: 1, earned: 500_000, retained: 500_000, lost: 0, adjusted: 20_500_000),
        // Nothing measured: no incentive, withhold returned.
        Row(numerator: 0, denominator: 0, rate: nil, tier: nil, earned: 0, retained: 500_000, lost: 0, adjusted: 20_000_000),
    ])
    func settles(_ row: Row) {
        let outcome = VBPOutcome.settle(numerator: row.numerator, denominator: row.denominator, under: Self.tiered)
        #expect(outcome == VBPOutcome(rateBasisPoints: row.rate, tierReached: row.tier, incentiveEarnedCents: row.earned,
                                      atRiskRetainedCents: row.retained, atRiskLostCents: row.lost, qualityAdjustedRevenueCents: row.adjusted))
    }

    @Test("a rate a hair under a threshold does not reach it, however it would round")
    func exactThreshold() {
        // 5999/10000 and 2999/5000 are both 59.99 %; 6000/10000 is exactly 60 %.
        let terms = Self.tiered
        #expect(VBPOutcome.settle(numerator: 5_999, denominator: 10_000, under: terms).tierReached == nil)
        #expect(VBPOutcome.settle(numerator: 6_000, denominator: 10_000, under: terms).tierReached == 1)
        #expect(VBPOutcome.settle(numerator: 119_999, denominator: 200_000, under: terms).tierReached == nil)
    }

    @Test("a percent of a pool: the full incentive and its tier share round half up to the cent", arguments: [
        // pool (cents), percent of pool (bp), tier share (bp) → full incentive, earned at 60 of 100 (cents)
        (1_000_001, 250, 5_000, 25_000, 12_500),   // 2.5 % of $10,000.01 = 25000.025 ¢ → $250.00; half → $125.00
        (333, 5_000, 5_000, 167, 84),              // 50 % of $3.33 = 166.5 ¢ → 167 ¢; half = 83.5 ¢ → 84 ¢
        (1_000_000_000_000, 10_000, 10_000, 1_000_000_000_000, 1_000_000_000_000), // the largest pool, all of it: no overflow
    ])
    func percentOfPool(pool: Int, poolBP: Int, earnedBP: Int, full: Int, earned: Int) {
        let terms = VBPContractTerms(measureID: "HEDIS_FUM_7", performancePeriodStart: ServiceDate("2026-01-01")!,
                                     performancePeriodEnd: ServiceDate("2026-06-30")!,
                                     tiers: [PerformanceTier(minimumRateBasisPoints: 6_000, earnedBasisPoints: earnedBP)],
                                     incentive: .percentOfPool(poolCents: pool, basisPoints: poolBP), withholdCents: 0, baseRevenueCents: 0)
        #expect(terms.incentive.fullIncentiveCents == full)
        #expect(VBPOutcome.settle(numerator: 60, denominator: 100, under: terms).incentiveEarnedCents == earned)
    }

    @Test("which results a contract covers: the result's whole period inside the performance period", arguments: [
        ("2026-01-01", "2026-12-31", true),    // the performance period itself (settlement)
        ("2026-04-01", "2026-06-30", true),    // a quarter inside it (interim)
        ("2025-12-01", "2026-11-30", false),   // starts before it
        ("2026-02-01", "2027-01-31", false),   // ends after it
        ("2027-01-01", "2027-12-31", false),   // another year
    ])
    func covers(start: String, end: String, covered: Bool) {
        #expect(Self.tiered.covers(periodStart: ServiceDate(start)!, periodEnd: ServiceDate(end)!) == covered)
    }

    @Test("basis points from percents and back", arguments: [(62.5, 6_250, "62.5"), (70, 7_000, "70"), (0.05, 5, "0.05"), (100, 10_000, "100")])
    func basisPoints(percent: Double, basisPoints: Int, text: String) {
        #expect(BasisPoints.fromPercent(percent) == basisPoints)
        #expect(BasisPoints.percentText(basisPoints) == text)
    }
}
