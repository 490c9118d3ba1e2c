public import Platform

/// The two program levels PM-11 judges a week against: intensive outpatient and partial hospitalization.
public enum ProgramLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case iop = "IOP"
    case php = "PHP"
}

/// One level's weekly minimums, from the jurisdiction profile (`clinical.iop_php_compliance`).
public struct ProgramThreshold: Sendable, Hashable {
    public let minHoursPerWeek: Double
    public let minDaysPerWeek: Int
    /// A day counts toward `minDaysPerWeek` only with at least this many hours attended.
    public let minHoursPerDay: Double

    public init(minHoursPerWeek: Double, minDaysPerWeek: Int, minHoursPerDay: Double) {
        self.minHoursPerWeek = minHoursPerWeek
        self.minDaysPerWeek = minDaysPerWeek
        self.minHoursPerDay = minHoursPerDay
    }
}

extension IOPPHPThresholds {
    /// The minimums of one level.
    public func threshold(for level: ProgramLevel) -> ProgramThreshold {
        switch level {
        case .iop: ProgramThreshold(minHoursPerWeek: iopMinHoursPerWeek, minDaysPerWeek: iopMinDaysPerWeek, minHoursPerDay: iopMinHoursPerDay)
        case .php: ProgramThreshold(minHoursPerWeek: phpMinHoursPerWeek, minDaysPerWeek: phpMinDaysPerWeek, minHoursPerDay: phpMinHoursPerDay)
        }
    }
}
