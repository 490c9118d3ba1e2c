public import Platform

/// The financial terms of a value-based-purchasing contract for one quality indicator: the
/// performance period, the tiers of target rates, the incentive and the amount withheld at risk.
public struct VBPContractTerms: Sendable, Hashable {
    /// The indicator the contract pays on, e.g. `HEDIS_FUH_30`; matches the measure_id of the results.
    public let measureID: String
    public let performancePeriodStart: ServiceDate
    /// Inclusive.
    public let performancePeriodEnd: ServiceDate
    /// Ascending; the first tier's minimum is the contract's target rate.
    public let tiers: [PerformanceTier]
    public let incentive: IncentiveTerms
    /// Withheld from payments and returned only when the target is met.
    public let withholdCents: Int
    /// The contracted revenue for the performance period before quality adjustment.
    public let baseRevenueCents: Int

    public init(measureID: String, performancePeriodStart: ServiceDate, performancePeriodEnd: ServiceDate, tiers: [PerformanceTier],
                incentive: IncentiveTerms, withholdCents: Int, baseRevenueCents: Int) {
        self.measureID = measureID
        self.performancePeriodStart = performancePeriodStart
        self.performancePeriodEnd = performancePeriodEnd
        self.tiers = tiers
        self.incentive = incentive
        self.withholdCents = withholdCents
        self.baseRevenueCents = baseRevenueCents
    }

    /// The target rate: the first tier's minimum.
    public var targetRateBasisPoints: Int { tiers.first?.minimumRateBasisPoints ?? 0 }

    /// Whether a result for `periodStart…periodEnd` counts under this contract: the result's whole
    /// period must lie inside the performance period, so no care outside the contract is paid for.
    public func covers(periodStart: ServiceDate, periodEnd: ServiceDate) -> Bool {
        performancePeriodStart <= periodStart && periodEnd <= performancePeriodEnd
    }

    /// The largest amount the product accepts, in cents (ten billion dollars): keeps every share
    /// (cents × basis points) far inside 64-bit integers.
    public static let maximumCents = 1_000_000_000_000

    /// Refuses terms that cannot be paid as written, naming the API field: a measure id that no
    /// result could carry, a period that ends before it starts, no tier or tiers out of order, a
    /// percent over 100, a negative or absurd amount.
    public func validate() throws {
        guard Self.isMeasureID(measureID) else {
            throw DomainError.invalid("measure_id", "Use 2–64 upper-case letters, digits or underscores, starting with a letter (e.g. HEDIS_FUH_30).")
        }
        guard performancePeriodStart <= performancePeriodEnd else {
            throw DomainError.invalid("performance_period_end", "The performance period cannot end before it starts.")
        }
        guard !tiers.isEmpty else { throw DomainError.invalid("tiers", "Give a target rate or at least one tier.") }
        guard tiers.count <= 10 else { throw DomainError.invalid("tiers", "A contract has at most 10 tiers.") }
        for (index, tier) in tiers.enumerated() {
            let field = "tiers[\(index)]"
            guard (0...BasisPoints.whole).contains(tier.minimumRateBasisPoints) else {
                throw DomainError.invalid("\(field).minimum_rate_percent", "A rate is a percent from 0 to 100.")
            }
            guard (1...BasisPoints.whole).contains(tier.earnedBasisPoints) else {
                throw DomainError.invalid("\(field).earned_percent", "A tier earns more than 0 and at most 100 percent of the incentive.")
            }
            if index > 0 {
                let previous = tiers[index - 1]
                guard tier.minimumRateBasisPoints > previous.minimumRateBasisPoints else {
                    throw DomainError.invalid("\(field).minimum_rate_percent", "Tiers are listed from the lowest rate up, each above the one before.")
                }
                guard tier.earnedBasisPoints > previous.earnedBasisPoints else {
                    throw DomainError.invalid("\(field).earned_percent", "A higher tier earns more than the tier below it.")
                }
            }
        }
        switch incentive {
        case .fixedAmount(let cents):
            try Self.checkAmount(cents, field: "incentive.amount_cents")
        case .percentOfPool(let pool, let basisPoints):
            try Self.checkAmount(pool, field: "incentive.pool_cents")
            guard (0...BasisPoints.whole).contains(basisPoints) else {
                throw DomainError.invalid("incentive.pool_percent", "A percent of the pool is from 0 to 100.")
            }
        }
        try Self.checkAmount(withholdCents, field: "withhold_cents")
        try Self.checkAmount(baseRevenueCents, field: "base_revenue_cents")
        guard withholdCents <= baseRevenueCents || baseRevenueCents == 0 else {
            throw DomainError.invalid("withhold_cents", "The amount at risk cannot exceed the contracted revenue it is withheld from.")
        }
    }

    static func checkAmount(_ cents: Int, field: String) throws {
        guard cents >= 0 else { throw DomainError.invalid(field, "An amount cannot be negative.") }
        guard cents <= maximumCents else { throw DomainError.invalid(field, "An amount is at most 10,000,000,000.00.") }
    }

    /// The same shape as the measure ids Clinical publishes.
    static func isMeasureID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...64).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return bytes.allSatisfy {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}
