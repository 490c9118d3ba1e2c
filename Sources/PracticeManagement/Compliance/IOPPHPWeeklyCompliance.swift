public import Platform

/// How one week measures up to one level's minimums.
public struct ProgramWeekResult: Sendable, Hashable {
    public let level: ProgramLevel
    public let threshold: ProgramThreshold
    /// Attended days with at least the level's hours per day.
    public let daysMeetingDayMinimum: Int
    /// Hours still missing from the weekly minimum (0 when reached).
    public let hoursShortfall: Double
    /// Qualifying days still missing from the weekly minimum (0 when reached).
    public let daysShortfall: Int

    /// Both weekly minimums are reached.
    public var met: Bool { hoursShortfall == 0 && daysShortfall == 0 }
}

/// One patient-week judged against both levels.
public struct WeeklyComplianceResult: Sendable, Hashable {
    public let daysAttended: Int
    public let minutesAttended: Int
    public let iop: ProgramWeekResult
    public let php: ProgramWeekResult

    public var hoursAttended: Double { Double(minutesAttended) / 60 }

    /// The higher level the week meets, if any.
    public var levelMet: ProgramLevel? { php.met ? .php : (iop.met ? .iop : nil) }
}

/// The PM-11 weekly rule, with no I/O. A level is met when the week's attended hours reach its
/// hours per week and at least its days per week each reach its hours per day (seed 003:
/// IOP ≥ 9 h/wk, ≥ 3 days, ≥ 3 h/day; PHP ≥ 20 h/wk, ≥ 5 days, ≥ 4 h/day by default). Every
/// attended hour counts toward the weekly total, including hours on a day below the day minimum.
public enum IOPPHPWeeklyCompliance {
    /// Judges a week given the minutes attended on each attended day (one entry per day).
    public static func evaluate(dailyMinutes: [Int], thresholds: IOPPHPThresholds) -> WeeklyComplianceResult {
        let attended = dailyMinutes.filter { $0 > 0 }
        return WeeklyComplianceResult(
            daysAttended: attended.count,
            minutesAttended: attended.reduce(0, +),
            iop: evaluate(dailyMinutes: attended, against: thresholds.threshold(for: .iop), level: .iop),
            php: evaluate(dailyMinutes: attended, against: thresholds.threshold(for: .php), level: .php))
    }

    /// Judges a week against one level.
    public static func evaluate(dailyMinutes: [Int], against threshold: ProgramThreshold, level: ProgramLevel) -> ProgramWeekResult {
        // Compared in minutes: attendance is whole minutes, and thresholds like 2.5 h are exact there.
        let total = Double(dailyMinutes.reduce(0, +))
        let qualifying = dailyMinutes.filter { Double($0) >= threshold.minHoursPerDay * 60 }.count
        return ProgramWeekResult(
            level: level, threshold: threshold, daysMeetingDayMinimum: qualifying,
            hoursShortfall: max(0, threshold.minHoursPerWeek * 60 - total) / 60,
            daysShortfall: max(0, threshold.minDaysPerWeek - qualifying))
    }
}
