public import Foundation
/// The rate of one procedure code, optionally for one payer.
public struct FeeScheduleEntry: Sendable, Hashable, Codable {
    /// The procedure code priced.
    public var procedureCode: String
    /// The payer this rate is specific to; `nil` for the organization-wide rate.
    public var payerID: UUID?
    /// Rate per unit in cents (money is always integer cents).
    public var unitRateCents: Int
    /// When the rate is in force.
    public var period: EffectivePeriod

    /// Creates a fee entry.
    public init(procedureCode: String, payerID: UUID? = nil, unitRateCents: Int, period: EffectivePeriod) {
        self.procedureCode = procedureCode
        self.payerID = payerID
        self.unitRateCents = unitRateCents
        self.period = period
    }
}
