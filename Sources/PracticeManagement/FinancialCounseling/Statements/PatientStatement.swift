public import Foundation
public import Platform

/// One charge on a statement, priced for the patient.
public struct PatientStatementLine: Sendable, Equatable, Codable {
    public let chargeID: UUID
    public let serviceDate: ServiceDate
    public let procedureCode: String
    public let chargeCents: Int
    public let pricing: StatementLinePricing
    /// The sliding-fee class applied, by label; nil when none applied.
    public let slidingFeeClass: String?

    enum CodingKeys: String, CodingKey {
        case chargeID = "charge_id", serviceDate = "service_date", procedureCode = "procedure_code", chargeCents = "charge_cents",
             pricing, slidingFeeClass = "sliding_fee_class"
    }
}

/// A patient statement for a period (PM-16): the period's self-pay charges priced with the
/// sliding fee and the charity discount, the balance carried in, payments in the period and
/// the balance due.
public struct PatientStatement: Sendable, Equatable, Codable {
    public let patientID: UUID
    public let periodFrom: ServiceDate
    public let periodTo: ServiceDate
    /// The organization's date the statement was made on (the charity indicator's day).
    public let statementDate: ServiceDate
    public let tier: PatientSlidingFeeTier
    public let charity: CharityStanding?
    public let previousBalanceCents: Int
    public let lines: [PatientStatementLine]
    public let paymentsCents: Int

    enum CodingKeys: String, CodingKey {
        case patientID = "patient_id", periodFrom = "period_from", periodTo = "period_to", statementDate = "statement_date", tier, charity,
             charityIndicator = "charity_indicator", previousBalanceCents = "previous_balance_cents", lines, paymentsCents = "payments_cents",
             slidingFeeAdjustmentCents = "sliding_fee_adjustment_cents", charityAdjustmentCents = "charity_adjustment_cents", balanceCents = "balance_cents"
    }

    public var charityIndicator: Bool { charity != nil }
    public var slidingFeeAdjustmentCents: Int { lines.reduce(0) { $0 + $1.pricing.slidingFeeAdjustmentCents } }
    public var charityAdjustmentCents: Int { lines.reduce(0) { $0 + $1.pricing.charityAdjustmentCents } }
    /// Carried in, plus what the period's charges leave to the patient, less the period's payments.
    public var balanceCents: Int { previousBalanceCents + lines.reduce(0) { $0 + $1.pricing.dueCents } - paymentsCents }

    public init(patientID: UUID, periodFrom: ServiceDate, periodTo: ServiceDate, statementDate: ServiceDate, tier: PatientSlidingFeeTier,
                charity: CharityStanding?, previousBalanceCents: Int, lines: [PatientStatementLine], paymentsCents: Int) {
        self.patientID = patientID
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.statementDate = statementDate
        self.tier = tier
        self.charity = charity
        self.previousBalanceCents = previousBalanceCents
        self.lines = lines
        self.paymentsCents = paymentsCents
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(patientID: try c.decode(UUID.self, forKey: .patientID), periodFrom: try c.decode(ServiceDate.self, forKey: .periodFrom),
                  periodTo: try c.decode(ServiceDate.self, forKey: .periodTo), statementDate: try c.decode(ServiceDate.self, forKey: .statementDate),
                  tier: try c.decode(PatientSlidingFeeTier.self, forKey: .tier), charity: try c.decodeIfPresent(CharityStanding.self, forKey: .charity),
                  previousBalanceCents: try c.decode(Int.self, forKey: .previousBalanceCents), lines: try c.decode([PatientStatementLine].self, forKey: .lines),
                  paymentsCents: try c.decode(Int.self, forKey: .paymentsCents))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(patientID, forKey: .patientID)
        try c.encode(periodFrom, forKey: .periodFrom)
        try c.encode(periodTo, forKey: .periodTo)
        try c.encode(statementDate, forKey: .statementDate)
        try c.encode(tier, forKey: .tier)
        try c.encodeIfPresent(charity, forKey: .charity)
        try c.encode(charityIndicator, forKey: .charityIndicator)
        try c.encode(previousBalanceCents, forKey: .previousBalanceCents)
        try c.encode(lines, forKey: .lines)
        try c.encode(paymentsCents, forKey: .paymentsCents)
        try c.encode(slidingFeeAdjustmentCents, forKey: .slidingFeeAdjustmentCents)
        try c.encode(charityAdjustmentCents, forKey: .charityAdjustmentCents)
        try c.encode(balanceCents, forKey: .balanceCents)
    }
}
