public import Foundation

/// `cl_group_session_documented` (CL-14 → PM-07): a group session's documented facts, published
/// when it crosses its end time, when it is finalized, and again whenever its attendance changes
/// afterwards (a rebuild). The contract lives in Platform because publisher and consumer are
/// different cores.
public enum GroupSessionDocumented: EventContract {
    public static let eventType = "cl_group_session_documented"
    public static let version = 1
    public static let channel = "cl_events"

    /// Why this revision was published.
    public enum Trigger: String, Codable, Sendable, CaseIterable {
        case endTime = "end_time"
        case finalized
        case attendanceChanged = "attendance_changed"
        case forcedCorrection = "forced_correction"
    }

    public struct Attendee: Codable, Sendable, Hashable {
        /// The product keeps one chart per patient, so the chart id is the patient id.
        public let chartId: UUID
        public let patientId: UUID
        public let attendanceStatus: AttendanceStatus
        public let participationLevel: String?

        public init(patientId: UUID, attendanceStatus: AttendanceStatus, participationLevel: String?) {
            self.chartId = patientId
            self.patientId = patientId
            self.attendanceStatus = attendanceStatus
            self.participationLevel = participationLevel
        }
    }

    /// The seed's metadata block. The outbox row carries the same organization and correlation
    /// id; the user who caused the revision is only here (nil for the end-time job).
    public struct Metadata: Codable, Sendable, Hashable {
        public let organizationId: UUID
        public let userId: UUID?
        public let timestamp: Date
        public let correlationId: UUID

        public init(organizationId: UUID, userId: UUID?, timestamp: Date, correlationId: UUID) {
            self.organizationId = organizationId
            self.userId = userId
            self.timestamp = timestamp
            self.correlationId = correlationId
        }
    }

    /// One revision of a session's documented facts. The session's header is the shared
    /// `GroupSessionHeader`, written flat beside the rest with the seed's field names
    /// (`session_id`, `session_date`, `actual_start_time`, …), so the wire shape is the seed's.
    public struct Payload: Codable, Sendable, Hashable {
        public let header: GroupSessionHeader
        public let facilitatorId: UUID?
        public let attendees: [Attendee]
        /// Billable attendees: ATTENDED or LATE (supervisors are never attendees here).
        public let participantCount: Int
        /// Increases with every publication for the session; a consumer ignores older revisions.
        public let revision: Int
        public let trigger: Trigger
        public let metadata: Metadata

        public init(header: GroupSessionHeader, facilitatorId: UUID?, attendees: [Attendee], revision: Int, trigger: Trigger,
                    metadata: Metadata) {
            self.header = header
            self.facilitatorId = facilitatorId
            self.attendees = attendees
            self.participantCount = countBillableParticipants(attendees.map { GroupParticipant(status: $0.attendanceStatus, isSupervisor: false) })
            self.revision = revision
            self.trigger = trigger
            self.metadata = metadata
        }

        /// The attendees charge capture bills: ATTENDED or LATE.
        public var billableAttendees: [Attendee] { attendees.filter { $0.attendanceStatus.isBillable } }

        enum CodingKeys: String, CodingKey {
            case facilitatorId, attendees, participantCount, revision, trigger, metadata
        }

        public init(from decoder: any Decoder) throws {
            header = try GroupSessionHeader(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            facilitatorId = try container.decodeIfPresent(UUID.self, forKey: .facilitatorId)
            attendees = try container.decode([Attendee].self, forKey: .attendees)
            participantCount = try container.decode(Int.self, forKey: .participantCount)
            revision = try container.decode(Int.self, forKey: .revision)
            trigger = try container.decode(Trigger.self, forKey: .trigger)
            metadata = try container.decode(Metadata.self, forKey: .metadata)
        }

        public func encode(to encoder: any Encoder) throws {
            try header.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(facilitatorId, forKey: .facilitatorId)
            try container.encode(attendees, forKey: .attendees)
            try container.encode(participantCount, forKey: .participantCount)
            try container.encode(revision, forKey: .revision)
            try container.encode(trigger, forKey: .trigger)
            try container.encode(metadata, forKey: .metadata)
        }
    }

    /// A revision charge capture could bill wrongly is refused before it is written: a negative
    /// length, a revision below 1, or a patient listed twice. (The date is a `ServiceDate`, so a
    /// day that does not exist cannot be built, and decoding one from the wire fails.)
    public static func validate(_ payload: Payload) throws {
        func refuse(_ field: String, _ reason: String) -> EventValidationError {
            EventValidationError(eventType: eventType, field: field, reason: reason)
        }
        guard payload.header.durationMinutes >= 0 else { throw refuse("duration_minutes", "must not be negative") }
        guard payload.revision >= 1 else { throw refuse("revision", "must be 1 or more") }
        guard Set(payload.attendees.map(\.patientId)).count == payload.attendees.count else {
            throw refuse("attendees", "lists a patient more than once")
        }
    }
}
