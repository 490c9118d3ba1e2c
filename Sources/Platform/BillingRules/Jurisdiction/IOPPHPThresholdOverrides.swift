/// The stored `clinical.iop_php_compliance` overrides; each omitted key falls back to its AHCCCS default.
public struct IOPPHPThresholdOverrides: Sendable, Hashable, Codable {
    /// Minimum IOP hours per week.
    public var iopMinHoursPerWeek: Double?
    /// Minimum IOP days attended per week.
    public var iopMinDaysPerWeek: Int?
    /// Minimum IOP hours on a day that counts.
    public var iopMinHoursPerDay: Double?
    /// Minimum PHP hours per week.
    public var phpMinHoursPerWeek: Double?
    /// Minimum PHP days attended per week.
    public var phpMinDaysPerWeek: Int?
    /// Minimum PHP hours on a day that counts.
    public var phpMinHoursPerDay: Double?

    /// Creates a set of overrides; `nil` keys use the defaults.
    public init(
        iopMinHoursPerWeek: Double? = nil,
        iopMinDaysPerWeek: Int? = nil,
        iopMinHoursPerDay: Double? = nil,
        phpMinHoursPerWeek: Double? = nil,
        phpMinDaysPerWeek: Int? = nil,
        phpMinHoursPerDay: Double? = nil
    ) {
        self.iopMinHoursPerWeek = iopMinHoursPerWeek
        self.iopMinDaysPerWeek = iopMinDaysPerWeek
        self.iopMinHoursPerDay = iopMinHoursPerDay
        self.phpMinHoursPerWeek = phpMinHoursPerWeek
        self.phpMinDaysPerWeek = phpMinDaysPerWeek
        self.phpMinHoursPerDay = phpMinHoursPerDay
    }

    enum CodingKeys: String, CodingKey {
        case iopMinHoursPerWeek = "iop_min_hours_per_week"
        case iopMinDaysPerWeek = "iop_min_days_per_week"
        case iopMinHoursPerDay = "iop_min_hours_per_day"
        case phpMinHoursPerWeek = "php_min_hours_per_week"
        case phpMinDaysPerWeek = "php_min_days_per_week"
        case phpMinHoursPerDay = "php_min_hours_per_day"
    }
}
