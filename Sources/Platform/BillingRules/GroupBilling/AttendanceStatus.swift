/// A group participant's attendance, with the roster's legal transitions.
public enum AttendanceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// On the roster, not yet marked.
    case scheduled = "SCHEDULED"
    /// Attended from the start.
    case attended = "ATTENDED"
    /// Arrived after the start time.
    case late = "LATE"
    /// Did not attend.
    case absent = "ABSENT"

    /// The statuses this one may move to, in the roster's button order.
    /// Nothing moves back to SCHEDULED, and a move to the same status is not a transition.
    public var legalNextStates: [AttendanceStatus] {
        switch self {
        case .scheduled: [.attended, .absent, .late]
        case .attended: [.absent, .late]
        case .late: [.attended, .absent]
        case .absent: [.attended, .late]
        }
    }

    /// Whether moving to `next` is legal; an illegal move is answered with 409.
    public func canTransition(to next: AttendanceStatus) -> Bool {
        legalNextStates.contains(next)
    }

    /// Whether the participant has been marked; a session is ready to bill when every row is terminal.
    public var isTerminal: Bool { self != .scheduled }

    /// Whether the status makes a non-supervisor participant billable (ATTENDED and LATE).
    public var isBillable: Bool { self == .attended || self == .late }
}
