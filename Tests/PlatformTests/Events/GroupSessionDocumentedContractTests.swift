import Foundation
import Platform
import Testing

@Suite("The documented event's contract")
struct GroupSessionDocumentedContractTests {
    static func payload(sessionDate: String = "2026-03-02", duration: Int = 60, revision: Int = 1,
                        attendees: [GroupSessionDocumented.Attendee]) -> GroupSessionDocumented.Payload {
        let org = UUID()
        return .init(sessionId: UUID(), scheduleId: nil, sessionDate: sessionDate, actualStartTime: "09:00", actualEndTime: "10:00",
                     durationMinutes: duration, facilitatorId: nil, attendees: attendees, facilityId: UUID(), groupType: "process_group",
                     revision: revision, trigger: .finalized,
                     metadata: .init(organizationId: org, userId: nil, timestamp: Date(), correlationId: UUID()))
    }

    @Test("a well-formed revision passes")
    func accepts() throws {
        let attendees = [UUID(), UUID()].map { GroupSessionDocumented.Attendee(patientId: $0, attendanceStatus: .attended, participationLevel: nil) }
        try GroupSessionDocumented.validate(Self.payload(attendees: attendees))
    }

    @Test("each rule refuses the whole payload, naming its field", arguments: [
        ("session_date", payload(sessionDate: "2026-02-30", attendees: [])),
        ("duration_minutes", payload(duration: -1, attendees: [])),
        ("revision", payload(revision: 0, attendees: [])),
    ])
    func refuses(field: String, payload: GroupSessionDocumented.Payload) {
        #expect(throws: EventValidationError.self) { try GroupSessionDocumented.validate(payload) }
        do { try GroupSessionDocumented.validate(payload) } catch let error as EventValidationError {
            #expect(error.field == field)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("a patient listed twice is refused")
    func duplicateAttendee() {
        let patient = UUID()
        let twice = [patient, patient].map { GroupSessionDocumented.Attendee(patientId: $0, attendanceStatus: .attended, participationLevel: nil) }
        #expect(throws: EventValidationError(eventType: GroupSessionDocumented.eventType, field: "attendees", reason: "lists a patient more than once")) {
            try GroupSessionDocumented.validate(Self.payload(attendees: twice))
        }
    }
}
