public import Foundation

/// A group session as every core names it: which session, the schedule it came from, its date,
/// actual hours and length, its facility and group type. Declared once: Clinical's session list,
/// detail and notes, the integration layer's read model and the documented event
/// (`cl_group_session_documented`) all carry this value. Its coded form is the seed's wire shape
/// (`session_id`, `schedule_id`, `session_date`, `actual_start_time`, `actual_end_time`,
/// `duration_minutes`, `facility_id`, `group_type` under the events' snake-case coding).
public struct GroupSessionHeader: Sendable, Hashable, Codable {
    public let id: UUID
    public let scheduleID: UUID?
    public let sessionDate: ServiceDate
    /// The actual start, `HH:MM` in the facility's time zone.
    public let startTime: String
    /// The actual end, `HH:MM` in the facility's time zone.
    public let endTime: String
    /// The actual start to end, in minutes.
    public let durationMinutes: Int
    public let facilityID: UUID
    public let groupType: String

    public init(id: UUID, scheduleID: UUID?, sessionDate: ServiceDate, startTime: String, endTime: String, durationMinutes: Int,
                facilityID: UUID, groupType: String) {
        self.id = id
        self.scheduleID = scheduleID
        self.sessionDate = sessionDate
        self.startTime = startTime
        self.endTime = endTime
        self.durationMinutes = durationMinutes
        self.facilityID = facilityID
        self.groupType = groupType
    }

    enum CodingKeys: String, CodingKey {
        case id = "sessionId"
        case scheduleID = "scheduleId"
        case sessionDate
        case startTime = "actualStartTime"
        case endTime = "actualEndTime"
        case durationMinutes
        case facilityID = "facilityId"
        case groupType
    }
}
