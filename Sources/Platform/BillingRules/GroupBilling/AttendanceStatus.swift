/// A group participant's attendance: the vocabulary the documented event, the read model and the
/// group-billing rules share. The roster's legal moves are Clinical's (`AttendanceStatus+Transitions`).
public enum AttendanceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// On the roster, not yet marked.
    case scheduled = "SCHEDULED"
    /// Attended from the start.
    case attended = "ATTENDED"
    /// Arrived after the start time.
    case late = "LATE"
    /// Did not attend.
    case absent = "ABSENT"

    /// Whether the participant has been marked; a session is ready to bill when every row is terminal.
    public var isTerminal: Bool { self != .scheduled }

    /// Whether the status makes a non-supervisor participant billable (ATTENDED and LATE).
    public var isBillable: Bool { self == .attended || self == .late }
}
