import Platform
import Testing

@Suite("Attendance statuses")
struct AttendanceStatusTests {
    @Test("terminal and billable statuses", arguments: [
        (AttendanceStatus.scheduled, false, false),
        (.attended, true, true),
        (.late, true, true),
        (.absent, true, false),
    ])
    func terminalAndBillable(status: AttendanceStatus, terminal: Bool, billable: Bool) {
        #expect(status.isTerminal == terminal)
        #expect(status.isBillable == billable)
    }

    @Test("raw values are the stored upper-case names", arguments: [
        (AttendanceStatus.scheduled, "SCHEDULED"),
        (.attended, "ATTENDED"),
        (.late, "LATE"),
        (.absent, "ABSENT"),
    ])
    func rawValues(status: AttendanceStatus, raw: String) {
        #expect(status.rawValue == raw)
        #expect(AttendanceStatus(rawValue: raw) == status)
    }
}
