public import Platform

/// The practice's own measure: of the participant rows rostered on its group sessions in the
/// period, how many were billable attendances (ATTENDED or LATE). Supervisors' rows are neither.
public enum GroupAttendanceRate {
    /// One roster row: its status, and whether it is a supervisor's.
    public struct RosterRow: Sendable, Hashable {
        public let status: AttendanceStatus
        public let isSupervisor: Bool

        public init(status: AttendanceStatus, isSupervisor: Bool) {
            self.status = status
            self.isSupervisor = isSupervisor
        }
    }

    public static func result(rostered: Int, billable: Int) -> IndicatorResult {
        IndicatorResult(indicator: .groupAttendance, initialPopulation: rostered, denominator: rostered, numerator: billable)
    }

    public static func result(_ rows: [RosterRow]) -> IndicatorResult {
        let participants = rows.filter { !$0.isSupervisor }
        return result(rostered: participants.count, billable: participants.filter(\.status.isBillable).count)
    }
}
