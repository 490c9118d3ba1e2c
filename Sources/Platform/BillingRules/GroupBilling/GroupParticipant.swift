/// One roster row as the group billing helpers see it.
public struct GroupParticipant: Sendable, Hashable, Codable {
    /// The row's attendance status.
    public var status: AttendanceStatus
    /// Whether the row is a supervisor (participating, never billable).
    public var isSupervisor: Bool

    /// Creates a roster row.
    public init(status: AttendanceStatus, isSupervisor: Bool = false) {
        self.status = status
        self.isSupervisor = isSupervisor
    }
}
