import Finance
import Foundation
import Platform

/// A VBP contract as the API takes it. Rates and percents are percents as people write them
/// (`62.5`); a single `target_rate_percent` is shorthand for one tier earning 100 %.
struct VBPContractBody: Decodable, Sendable {
    struct Tier: Decodable, Sendable {
        let minimumRatePercent: Double
        let earnedPercent: Double
    }

    struct Incentive: Decodable, Sendable {
        let kind: String
        let amountCents: Int?
        let poolCents: Int?
        let poolPercent: Double?
    }

    let payerId: UUID
    let name: String
    let measureId: String
    let performancePeriodStart: ServiceDate
    let performancePeriodEnd: ServiceDate
    let targetRatePercent: Double?
    let tiers: [Tier]?
    let incentive: Incentive
    let withholdCents: Int
    let baseRevenueCents: Int?
    /// Required on update: the version the change was made from.
    let version: Int?

    static let schema: Schema = .object([
        ("payer_id", .string(format: "uuid")), ("name", .string()), ("measure_id", .string()),
        ("performance_period_start", .string(format: "date")), ("performance_period_end", .string(format: "date")),
        ("target_rate_percent", .nullable(.number)),
        ("tiers", .nullable(.array(.object([("minimum_rate_percent", .number), ("earned_percent", .number)],
                                           required: ["minimum_rate_percent", "earned_percent"])))),
        ("incentive", .object([("kind", .string(enumeration: ["fixed_amount", "percent_of_pool"])), ("amount_cents", .nullable(.integer)),
                               ("pool_cents", .nullable(.integer)), ("pool_percent", .nullable(.number))], required: ["kind"])),
        ("withhold_cents", .integer), ("base_revenue_cents", .nullable(.integer)), ("version", .nullable(.integer)),
    ], required: ["payer_id", "name", "measure_id", "performance_period_start", "performance_period_end", "incentive", "withhold_cents"])

    /// The draft the Finance core validates; the shapes only the API has (percent text, one of
    /// target or tiers, the incentive's kind and its fields) are checked here, naming the field.
    func draft() throws -> VBPContractDraft {
        func basisPoints(_ percent: Double, _ field: String) throws -> Int {
            guard let value = BasisPoints.fromPercent(percent) else { throw DomainError.invalid(field, "A percent is a number from 0 to 100.") }
            return value
        }
        let performanceTiers: [PerformanceTier]
        switch (targetRatePercent, tiers) {
        case (let target?, nil):
            performanceTiers = [.target(try basisPoints(target, "target_rate_percent"))]
        case (nil, let tiers?):
            performanceTiers = try tiers.enumerated().map { index, tier in
                PerformanceTier(minimumRateBasisPoints: try basisPoints(tier.minimumRatePercent, "tiers[\(index)].minimum_rate_percent"),
                                earnedBasisPoints: try basisPoints(tier.earnedPercent, "tiers[\(index)].earned_percent"))
            }
        case (nil, nil):
            throw DomainError.invalid("target_rate_percent", "Give a target_rate_percent or tiers.", code: "MISSING_FIELD")
        case (_?, _?):
            throw DomainError.invalid("tiers", "Give a target_rate_percent or tiers, not both.")
        }
        let terms: IncentiveTerms
        switch incentive.kind {
        case "fixed_amount":
            guard let amount = incentive.amountCents else {
                throw DomainError.invalid("incentive.amount_cents", "A fixed incentive needs amount_cents.", code: "MISSING_FIELD")
            }
            guard incentive.poolCents == nil, incentive.poolPercent == nil else {
                throw DomainError.invalid("incentive.pool_cents", "A fixed incentive has no pool.")
            }
            terms = .fixedAmount(cents: amount)
        case "percent_of_pool":
            guard let pool = incentive.poolCents else {
                throw DomainError.invalid("incentive.pool_cents", "A percent-of-pool incentive needs pool_cents.", code: "MISSING_FIELD")
            }
            guard let percent = incentive.poolPercent else {
                throw DomainError.invalid("incentive.pool_percent", "A percent-of-pool incentive needs pool_percent.", code: "MISSING_FIELD")
            }
            guard incentive.amountCents == nil else { throw DomainError.invalid("incentive.amount_cents", "A percent-of-pool incentive has no fixed amount.") }
            terms = .percentOfPool(poolCents: pool, basisPoints: try basisPoints(percent, "incentive.pool_percent"))
        default:
            throw DomainError.invalid("incentive.kind", "kind is fixed_amount or percent_of_pool.")
        }
        return VBPContractDraft(payerID: payerId, name: name, terms: VBPContractTerms(
            measureID: measureId, performancePeriodStart: performancePeriodStart, performancePeriodEnd: performancePeriodEnd,
            tiers: performanceTiers, incentive: terms, withholdCents: withholdCents, baseRevenueCents: baseRevenueCents ?? 0))
    }
}
