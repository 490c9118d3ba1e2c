import Clinical
import Platform
import Testing

@Suite("Attendance status transitions")
struct AttendanceTransitionTests {
    /// Every (from, to) pair, written out from the roster table; same-status moves are illegal.
    static let transitions: [(from: AttendanceStatus, to: AttendanceStatus, legal: Bool)] = [
        (.scheduled, .scheduled, false),
        (.scheduled, .attended, true),
        (.scheduled, .absent, true),
        (.scheduled, .late, true),
        (.attended, .scheduled, false),
        (.attended, .attended, false),
        (.attended, .absent, true),
        (.attended, .late, true),
        (.late, .scheduled, false),
        (.late, .attended, true),
        (.late, .absent, true),
        (.late, .late, false),
        (.absent, .scheduled, false),
        (.absent, .attended, true),
        (.absent, .absent, false),
        (.absent, .late, true),
    ]

    @Test("transition table covers all 16 pairs")
    func tableIsComplete() {
        let pairs = Set(Self.transitions.map { "\($0.from.rawValue)->\($0.to.rawValue)" })
        #expect(pairs.count == 16)
    }

    @Test("legal and illegal transitions", arguments: transitions)
    func transition(row: (from: AttendanceStatus, to: AttendanceStatus, legal: Bool)) {
        #expect(row.from.canTransition(to: row.to) == row.legal)
        #expect(row.from.legalNextStates.contains(row.to) == row.legal)
    }

    @Test("legal next states in roster button order")
    func buttonOrder() {
        #expect(AttendanceStatus.scheduled.legalNextStates == [.attended, .absent, .late])
        #expect(AttendanceStatus.attended.legalNextStates == [.absent, .late])
        #expect(AttendanceStatus.late.legalNextStates == [.attended, .absent])
        #expect(AttendanceStatus.absent.legalNextStates == [.attended, .late])
    }
}
