public import Foundation
public import Platform

/// The input of a charge evaluation for one individual encounter.
public struct EncounterCharge: Sendable, Hashable, Codable {
    /// The organization's service type, mapped to a procedure code by the fee schedule.
    public var serviceType: String
    /// Documented service minutes.
    public var minutes: Int
    /// The facts that decide the modifiers.
    public var facts: EncounterFacts
    /// The payer billed, if known; payer-specific mappings and rates apply to it.
    public var payerID: UUID?
    /// The date of service; selects the mappings and rates in force.
    public var serviceDate: ServiceDate

    /// Creates an evaluation input.
    public init(serviceType: String, minutes: Int, facts: EncounterFacts = EncounterFacts(), payerID: UUID? = nil, serviceDate: ServiceDate) {
        self.serviceType = serviceType
        self.minutes = minutes
        self.facts = facts
        self.payerID = payerID
        self.serviceDate = serviceDate
    }
}
