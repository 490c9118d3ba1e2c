/// Effective IOP/PHP weekly compliance thresholds after per-key fallback; read by compliance reporting.
public struct IOPPHPThresholds: Sendable, Hashable, Codable {
    /// Minimum IOP hours per week.
    public var iopMinHoursPerWeek: Double
    /// Minimum IOP days attended per week.
    public var iopMinDaysPerWeek: Int
    /// Minimum IOP hours on a day that counts.
    public var iopMinHoursPerDay: Double
    /// Minimum PHP hours per week.
    public var phpMinHoursPerWeek: Double
    /// Minimum PHP days attended per week.
    public var phpMinDaysPerWeek: Int
    /// Minimum PHP hours on a day that counts.
    public var phpMinHoursPerDay: Double

    /// Creates a complete set of thresholds.
    public init(
        iopMinHoursPerWeek: Double,
        iopMinDaysPerWeek: Int,
        iopMinHoursPerDay: Double,
        phpMinHoursPerWeek: Double,
        phpMinDaysPerWeek: Int,
        phpMinHoursPerDay: Double
    ) {
        self.iopMinHoursPerWeek = iopMinHoursPerWeek
        self.iopMinDaysPerWeek = iopMinDaysPerWeek
        self.iopMinHoursPerDay = iopMinHoursPerDay
        self.phpMinHoursPerWeek = phpMinHoursPerWeek
        self.phpMinDaysPerWeek = phpMinDaysPerWeek
        self.phpMinHoursPerDay = phpMinHoursPerDay
    }
}
