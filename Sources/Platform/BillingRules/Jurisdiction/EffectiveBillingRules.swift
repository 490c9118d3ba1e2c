/// The billing rules in force after fallback: every value is present.
public struct EffectiveBillingRules: Sendable, Hashable, Codable {
    /// Minutes a timed service must reach before it is billable.
    public var minBillableMinutes: Int
    /// Length in minutes of one timed-code unit.
    public var timedCodeUnitMinutes: Int
    /// The profile's conventions, or `nil` when the legacy AHCCCS table applies.
    public var modifierConventions: [ModifierConvention]?

    /// Creates effective rules; pass `nil` (or an empty list) conventions for the legacy table.
    public init(minBillableMinutes: Int, timedCodeUnitMinutes: Int, modifierConventions: [ModifierConvention]?) {
        self.minBillableMinutes = minBillableMinutes
        self.timedCodeUnitMinutes = timedCodeUnitMinutes
        self.modifierConventions = (modifierConventions?.isEmpty ?? true) ? nil : modifierConventions
    }

    /// Whether the legacy AHCCCS modifier table is in force.
    public var usesLegacyModifiers: Bool { modifierConventions == nil }

    /// The conventions to show on the effective-rules page: the profile's, or the legacy table's rows.
    public var effectiveModifierConventions: [ModifierConvention] {
        modifierConventions ?? LegacyModifierTable.rows
    }
}
