import Finance
import Platform
import Testing

/// Terms that cannot be paid as written are refused, naming the API field.
@Suite struct VBPContractTermsTests {
    static func terms(measure: String = "HEDIS_FUH_30", start: String = "2026-01-01", end: String = "2026-12-31",
                      tiers: [(Int, Int)] = [(6_000, 5_000), (7_500, 10_000)], incentive: IncentiveTerms = .fixedAmount(cents: 1_000_000),
                      withhold: Int = 500_000, base: Int = 20_000_000) -> VBPContractTerms {
        VBPContractTerms(measureID: measure, performancePeriodStart: ServiceDate(start)!, performancePeriodEnd: ServiceDate(end)!,
                         tiers: tiers.map { PerformanceTier(minimumRateBasisPoints: $0.0, earnedBasisPoints: $0.1) },
                         incentive: incentive, withholdCents: withhold, baseRevenueCents: base)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let terms: VBPContractTerms
        let field: String?
        var testDescription: String { name }
    }

    @Test("validation", arguments: [
        Case(name: "valid tiers", terms: terms(), field: nil),
        Case(name: "a single target, percent of pool", terms: terms(tiers: [(6_000, 10_000)], incentive: .percentOfPool(poolCents: 5_000_000, basisPoints: 250)), field: nil),
        Case(name: "one-day period", terms: terms(start: "2026-03-01", end: "2026-03-01"), field: nil),
        Case(name: "lower-case measure", terms: terms(measure: "hedis_fuh"), field: "measure_id"),
        Case(name: "period end before start", terms: terms(start: "2026-12-31", end: "2026-01-01"), field: "performance_period_end"),
        Case(name: "no tier", terms: terms(tiers: []), field: "tiers"),
        Case(name: "rate over 100 %", terms: terms(tiers: [(10_001, 10_000)]), field: "tiers[0].minimum_rate_percent"),
        Case(name: "negative rate", terms: terms(tiers: [(-1, 10_000)]), field: "tiers[0].minimum_rate_percent"),
        Case(name: "tier share over 100 %", terms: terms(tiers: [(6_000, 10_001)]), field: "tiers[0].earned_percent"),
        Case(name: "tier share of 0", terms: terms(tiers: [(6_000, 0)]), field: "tiers[0].earned_percent"),
        Case(name: "rates out of order", terms: terms(tiers: [(7_500, 5_000), (6_000, 10_000)]), field: "tiers[1].minimum_rate_percent"),
        Case(name: "equal rates", terms: terms(tiers: [(6_000, 5_000), (6_000, 10_000)]), field: "tiers[1].minimum_rate_percent"),
        Case(name: "higher tier earning less", terms: terms(tiers: [(6_000, 10_000), (7_500, 5_000)]), field: "tiers[1].earned_percent"),
        Case(name: "negative fixed incentive", terms: terms(incentive: .fixedAmount(cents: -1)), field: "incentive.amount_cents"),
        Case(name: "negative pool", terms: terms(incentive: .percentOfPool(poolCents: -100, basisPoints: 100)), field: "incentive.pool_cents"),
        Case(name: "pool percent over 100", terms: terms(incentive: .percentOfPool(poolCents: 100, basisPoints: 10_001)), field: "incentive.pool_percent"),
        Case(name: "negative withhold", terms: terms(withhold: -5), field: "withhold_cents"),
        Case(name: "negative base revenue", terms: terms(base: -5), field: "base_revenue_cents"),
        Case(name: "withhold above revenue", terms: terms(withhold: 30_000_000), field: "withhold_cents"),
        Case(name: "absurd amount", terms: terms(incentive: .fixedAmount(cents: VBPContractTerms.maximumCents + 1)), field: "incentive.amount_cents"),
    ])
    func validation(_ test: Case) {
        do {
            try test.terms.validate()
            #expect(test.field == nil, "accepted, expected a refusal naming \(test.field ?? "")")
        } catch let error as DomainError {
            #expect(error.kind == .unprocessable)
            #expect(error.field == test.field)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
