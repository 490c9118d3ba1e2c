import Foundation
import Platform
import Testing

@Suite("The documented event's contract")
struct GroupSessionDocumentedContractTests {
    static func payload(duration: Int = 60, revision: Int = 1, attendees: [GroupSessionDocumented.Attendee]) -> GroupSessionDocumented.Payload {
        let header = GroupSessionHeader(id: UUID(), scheduleID: nil, sessionDate: ServiceDate(year: 2026, month: 3, day: 2)!, startTime: "09:00",
                                        endTime: "10:00", durationMinutes: duration, facilityID: UUID(), groupType: "process_group")
        return .init(header: header, facilitatorId: nil, attendees: attendees, revision: revision, trigger: .finalized,
                     metadata: .init(organizationId: UUID(), userId: nil,
                                     // Whole seconds: the events' ISO-8601 dates carry no fraction, and the round trip compares.
                                     timestamp: Date(timeIntervalSince1970: 1_772_442_000), correlationId: UUID()))
    }

    static func attendees(_ count: Int) -> [GroupSessionDocumented.Attendee] {
        (0..<count).map { _ in GroupSessionDocumented.Attendee(patientId: UUID(), attendanceStatus: .attended, participationLevel: nil) }
    }

    @Test("a well-formed revision passes")
    func accepts() throws {
        try GroupSessionDocumented.validate(Self.payload(attendees: Self.attendees(2)))
    }

    @Test("each rule refuses the whole payload, naming its field", arguments: [
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

    @Test("the shared session header is written flat with the seed's field names, and reads back the same")
    func wireShape() throws {
        let facilitator = UUID()
        let original = Self.payload(attendees: Self.attendees(3))
        let payload = GroupSessionDocumented.Payload(header: original.header, facilitatorId: facilitator, attendees: original.attendees,
                                                     revision: 2, trigger: .attendanceChanged, metadata: original.metadata)
        let data = Data(try SortedKeysJSONEncoder.events.encode(payload))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["session_id", "session_date", "actual_start_time", "actual_end_time", "duration_minutes", "facilitator_id",
                                     "attendees", "participant_count", "facility_id", "group_type", "revision", "trigger", "metadata"])
        #expect(object["session_id"] as? String == payload.header.id.uuidString)
        #expect(object["session_date"] as? String == "2026-03-02")
        #expect(object["actual_start_time"] as? String == "09:00")
        #expect(object["participant_count"] as? Int == 3)
        #expect(object["schedule_id"] == nil, "an ad-hoc session has no schedule, and the key is left out as before")
        #expect(try JSONDecoder.events.decode(GroupSessionDocumented.Payload.self, from: data) == payload)
    }

    @Test("a day that does not exist cannot come in from the wire", arguments: ["2026-02-30", "2026-3-2", ""])
    func impossibleDate(date: String) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try SortedKeysJSONEncoder.events.encode(Self.payload(attendees: [])))) as? [String: Any])
        object["session_date"] = date
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder.events.decode(GroupSessionDocumented.Payload.self, from: data) }
    }
}
