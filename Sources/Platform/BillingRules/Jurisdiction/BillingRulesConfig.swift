/// The `billing` part of a stored jurisdiction profile; every key is optional and falls back on its own.
public struct BillingRulesConfig: Sendable, Hashable, Codable {
    /// Minutes a timed service must reach before it is billable at all.
    public var minBillableMinutes: Int?
    /// Length in minutes of one timed-code unit.
    public var timedCodeUnitMinutes: Int?
    /// Auto-applied modifiers; when present and non-empty they fully replace the legacy table.
    public var modifierConventions: [ModifierConvention]?

    /// Creates a billing configuration; omitted values fall back to the AHCCCS defaults.
    public init(
        minBillableMinutes: Int? = nil,
        timedCodeUnitMinutes: Int? = nil,
        modifierConventions: [ModifierConvention]? = nil
    ) {
        self.minBillableMinutes = minBillableMinutes
        self.timedCodeUnitMinutes = timedCodeUnitMinutes
        self.modifierConventions = modifierConventions
    }

    enum CodingKeys: String, CodingKey {
        case minBillableMinutes = "min_billable_minutes"
        case timedCodeUnitMinutes = "timed_code_unit_minutes"
        case modifierConventions = "modifier_conventions"
    }
}
