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

    public struct Payload: Codable, Sendable, Hashable {
        public let sessionId: UUID
        public let scheduleId: UUID?
        public let sessionDate: String
        public let actualStartTime: String
        public let actualEndTime: String
        public let durationMinutes: Int
        public let facilitatorId: UUID?
        public let attendees: [Attendee]
        /// Billable attendees: ATTENDED or LATE (supervisors are never attendees here).
        public let participantCount: Int
        // Beyond the seed: what charge capture needs without reading Clinical's tables.
        public let facilityId: UUID
        public let groupType: String
        /// Increases with every publication for the session; a consumer ignores older revisions.
        public let revision: Int
        public let trigger: Trigger
        public let metadata: Metadata

        public init(sessionId: UUID, scheduleId: UUID?, sessionDate: String, actualStartTime: String, actualEndTime: String,
                    durationMinutes: Int, facilitatorId: UUID?, attendees: [Attendee], facilityId: UUID, groupType: String,
                    revision: Int, trigger: Trigger, metadata: Metadata) {
            self.sessionId = sessionId
            self.scheduleId = scheduleId
            self.sessionDate = sessionDate
            self.actualStartTime = actualStartTime
            self.actualEndTime = actualEndTime
            self.durationMinutes = durationMinutes
            self.facilitatorId = facilitatorId
            self.attendees = attendees
            self.participantCount = countBillableParticipants(attendees.map { GroupParticipant(status: $0.attendanceStatus, isSupervisor: false) })
            self.facilityId = facilityId
            self.groupType = groupType
            self.revision = revision
            self.trigger = trigger
            self.metadata = metadata
        }

        /// The attendees charge capture bills: ATTENDED or LATE.
        public var billableAttendees: [Attendee] { attendees.filter { $0.attendanceStatus.isBillable } }
    }

    /// A revision charge capture could bill wrongly is refused before it is written: a date that is
    /// not a calendar day, a negative length, a revision below 1, or a patient listed twice.
    public static func validate(_ payload: Payload) throws {
        func refuse(_ field: String, _ reason: String) -> EventValidationError {
            EventValidationError(eventType: eventType, field: field, reason: reason)
        }
        guard ServiceDate(payload.sessionDate) != nil else { throw refuse("session_date", "must be a calendar date (YYYY-MM-DD)") }
        guard payload.durationMinutes >= 0 else { throw refuse("duration_minutes", "must not be negative") }
        guard payload.revision >= 1 else { throw refuse("revision", "must be 1 or more") }
        guard Set(payload.attendees.map(\.patientId)).count == payload.attendees.count else {
            throw refuse("attendees", "lists a patient more than once")
        }
    }
}
