import Finance
import Foundation
import Platform

/// A VBP contract as the API answers it; percents as numbers (`62.5`), money in cents.
struct VBPContractView: Encodable, Sendable {
    struct Tier: Encodable, Sendable {
        let minimumRatePercent: Double
        let earnedPercent: Double
    }

    struct Incentive: Encodable, Sendable {
        let kind: String
        let amountCents: Int?
        let poolCents: Int?
        let poolPercent: Double?
        /// What reaching the top tier pays.
        let fullAmountCents: Int
    }

    let id: UUID
    let payerId: UUID
    let name: String
    let measureId: String
    let performancePeriodStart: String
    let performancePeriodEnd: String
    let targetRatePercent: Double
    let tiers: [Tier]
    let incentive: Incentive
    let withholdCents: Int
    let baseRevenueCents: Int
    let version: Int
    let updatedAt: Date

    init(_ contract: VBPContract) {
        let terms = contract.terms
        id = contract.id
        payerId = contract.payerID
        name = contract.name
        measureId = terms.measureID
        performancePeriodStart = terms.performancePeriodStart.description
        performancePeriodEnd = terms.performancePeriodEnd.description
        targetRatePercent = Self.percent(terms.targetRateBasisPoints)
        tiers = terms.tiers.map { Tier(minimumRatePercent: Self.percent($0.minimumRateBasisPoints), earnedPercent: Self.percent($0.earnedBasisPoints)) }
        switch terms.incentive {
        case .fixedAmount(let cents):
            incentive = Incentive(kind: terms.incentive.kind, amountCents: cents, poolCents: nil, poolPercent: nil,
                                  fullAmountCents: terms.incentive.fullIncentiveCents)
        case .percentOfPool(let pool, let basisPoints):
            incentive = Incentive(kind: terms.incentive.kind, amountCents: nil, poolCents: pool, poolPercent: Self.percent(basisPoints),
                                  fullAmountCents: terms.incentive.fullIncentiveCents)
        }
        withholdCents = terms.withholdCents
        baseRevenueCents = terms.baseRevenueCents
        version = contract.version
        updatedAt = contract.updatedAt
    }

    static func percent(_ basisPoints: Int) -> Double { Double(basisPoints) / 100 }

    static let schema: Schema = .object([
        ("id", .string(format: "uuid")), ("payer_id", .string(format: "uuid")), ("name", .string()), ("measure_id", .string()),
        ("performance_period_start", .string(format: "date")), ("performance_period_end", .string(format: "date")),
        ("target_rate_percent", .number),
        ("tiers", .array(.object([("minimum_rate_percent", .number), ("earned_percent", .number)], required: ["minimum_rate_percent", "earned_percent"]))),
        ("incentive", .object([("kind", .string(enumeration: ["fixed_amount", "percent_of_pool"])), ("amount_cents", .integer),
                               ("pool_cents", .integer), ("pool_percent", .number), ("full_amount_cents", .integer)],
                              required: ["kind", "full_amount_cents"])),
        ("withhold_cents", .integer), ("base_revenue_cents", .integer), ("version", .integer), ("updated_at", .string(format: "date-time")),
    ], required: ["id", "payer_id", "name", "measure_id", "performance_period_start", "performance_period_end", "target_rate_percent", "tiers",
                  "incentive", "withhold_cents", "base_revenue_cents", "version", "updated_at"])
}

/// One contract's figures for one quality result.
struct VBPOutcomeView: Encodable, Sendable {
    let contractId: UUID
    let contractName: String
    let payerId: UUID
    let measureId: String
    let periodStart: String
    let periodEnd: String
    let denominatorCount: Int
    let numeratorCount: Int
    let calculationVersion: Int
    let ratePercent: Double?
    let tierReached: Int?
    let incentiveEarnedCents: Int
    let atRiskRetainedCents: Int
    let atRiskLostCents: Int
    let qualityAdjustedRevenueCents: Int
    /// The result covers the contract's whole performance period (the settlement figure), not an interim part of it.
    let coversWholePeriod: Bool

    init(_ row: VBPOutcomeRow) {
        contractId = row.contractID
        contractName = row.contractName
        payerId = row.payerID
        measureId = row.result.measureID
        periodStart = row.result.periodStart.description
        periodEnd = row.result.periodEnd.description
        denominatorCount = row.result.denominatorCount
        numeratorCount = row.result.numeratorCount
        calculationVersion = row.result.calculationVersion
        ratePercent = row.outcome.rateBasisPoints.map(VBPContractView.percent)
        tierReached = row.outcome.tierReached
        incentiveEarnedCents = row.outcome.incentiveEarnedCents
        atRiskRetainedCents = row.outcome.atRiskRetainedCents
        atRiskLostCents = row.outcome.atRiskLostCents
        qualityAdjustedRevenueCents = row.outcome.qualityAdjustedRevenueCents
        coversWholePeriod = row.coversWholePeriod
    }

    static let schema: Schema = .object([
        ("contract_id", .string(format: "uuid")), ("contract_name", .string()), ("payer_id", .string(format: "uuid")), ("measure_id", .string()),
        ("period_start", .string(format: "date")), ("period_end", .string(format: "date")), ("denominator_count", .integer),
        ("numerator_count", .integer), ("calculation_version", .integer), ("rate_percent", .nullable(.number)),
        ("tier_reached", .nullable(.integer)), ("incentive_earned_cents", .integer), ("at_risk_retained_cents", .integer),
        ("at_risk_lost_cents", .integer), ("quality_adjusted_revenue_cents", .integer), ("covers_whole_period", .boolean),
    ], required: ["contract_id", "contract_name", "payer_id", "measure_id", "period_start", "period_end", "denominator_count", "numerator_count",
                  "calculation_version", "incentive_earned_cents", "at_risk_retained_cents", "at_risk_lost_cents",
                  "quality_adjusted_revenue_cents", "covers_whole_period"])
}

/// The CSV export of the VBP figures: one line per contract and result, RFC 4180 quoting, money in dollars.
enum VBPOutcomeCSV {
    static let header = [
        "contract_id", "contract_name", "payer_id", "measure_id", "period_start", "period_end", "covers_whole_period",
        "denominator_count", "numerator_count", "calculation_version", "rate_percent", "tier_reached",
        "incentive_earned", "at_risk_retained", "at_risk_lost", "quality_adjusted_revenue",
    ]

    static func render(_ rows: [VBPOutcomeView]) -> String {
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let fields: [String] = [
                row.contractId.uuidString.lowercased(), ComplianceCSV.field(row.contractName), row.payerId.uuidString.lowercased(), row.measureId,
                row.periodStart, row.periodEnd, "\(row.coversWholePeriod)", "\(row.denominatorCount)", "\(row.numeratorCount)",
                "\(row.calculationVersion)", row.ratePercent.map { ComplianceCSV.number($0) } ?? "", row.tierReached.map(String.init) ?? "",
                dollars(row.incentiveEarnedCents), dollars(row.atRiskRetainedCents), dollars(row.atRiskLostCents),
                dollars(row.qualityAdjustedRevenueCents),
            ]
            // Only the name is free text; the numbers are written as they are (a negative amount stays a number).
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `123456` → `1234.56`, `-5` → `-0.05`.
    static func dollars(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = cents.magnitude
        let remainder = value % 100
        return "\(sign)\(value / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }
}
