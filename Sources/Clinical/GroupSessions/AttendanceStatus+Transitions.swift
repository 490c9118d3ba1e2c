public import Platform

/// The roster's state machine (CL-14): which marks may follow which.
extension AttendanceStatus {
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
}
