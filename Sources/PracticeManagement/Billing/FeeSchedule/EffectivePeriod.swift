public import Platform

/// The days an entry is in force: from `effectiveFrom` through `effectiveTo`, both inclusive.
public struct EffectivePeriod: Sendable, Hashable, Codable {
    /// First day in force.
    public var effectiveFrom: ServiceDate
    /// Last day in force; `nil` means open-ended.
    public var effectiveTo: ServiceDate?

    /// Creates a period.
    public init(from effectiveFrom: ServiceDate, to effectiveTo: ServiceDate? = nil) {
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
    }

    /// Whether the date falls inside the period.
    public func contains(_ date: ServiceDate) -> Bool {
        effectiveFrom <= date && effectiveTo.map { date <= $0 } ?? true
    }
}
