public import Foundation
public import Platform

/// One attendance row: a participant (patient) or a supervisor, with the moves it may make.
public struct AttendanceRow: Sendable, Codable, Equatable {
    public let id: UUID
    public let patientID: UUID?
    public let supervisorUserID: UUID?
    public let displayName: String
    public let status: AttendanceStatus
    public let legalNextStates: [AttendanceStatus]
    public let participationLevel: String?
    public let rowVersion: Int
}

/// A session as the list shows it: its header (`summary.sessionDate`, `summary.id`, … read
/// through to it) with the facility's name, the supervisors, the roster's counts and its status.
@dynamicMemberLookup
public struct GroupSessionSummary: Sendable, Codable, Equatable {
    public let header: GroupSessionHeader
    public let facilityName: String
    public let supervisors: [String]
    public let rosterSize: Int
    public let attended: Int
    public let late: Int
    public let absent: Int
    public let scheduled: Int
    public let documentationStatus: String
    public let locked: Bool

    public subscript<Value>(dynamicMember keyPath: KeyPath<GroupSessionHeader, Value>) -> Value { header[keyPath: keyPath] }

    /// "3 attended, 1 absent, 1 scheduled": the counts that are not zero, in roster order.
    public var attendanceSummary: String {
        let parts = [(attended, "attended"), (late, "late"), (absent, "absent"), (scheduled, "scheduled")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "no participants" : parts.joined(separator: ", ")
    }
}

/// A session's header, supervisors, roster and live billing preview.
public struct GroupSessionDetail: Sendable {
    public let summary: GroupSessionSummary
    public let facilityState: String
    public let facilityTimeZone: String
    public let location: String?
    public let topic: String?
    public let supervisors: [AttendanceRow]
    public let roster: [AttendanceRow]
    public let preview: GroupBillingPreview
    public let programLabel: String
}

/// Filters of the session list; nil means "all" except where a default applies.
public struct GroupSessionFilter: Sendable {
    public var from: ServiceDate
    public var to: ServiceDate
    public var facilityID: UUID?
    public var groupType: String?
    public var status: String?
    public var limit: Int
    public var offset: Int

    public init(from: ServiceDate, to: ServiceDate, facilityID: UUID?, groupType: String?, status: String?, limit: Int, offset: Int) {
        self.from = from
        self.to = to
        self.facilityID = facilityID
        self.groupType = groupType
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}

/// What a new ad-hoc session needs.
public struct NewGroupSession: Sendable {
    public var facilityID: UUID
    public var groupType: String
    public var sessionDate: ServiceDate
    public var startTime: String
    public var endTime: String
    public var patientIDs: [UUID]
    public var facilitatorID: UUID?
    public var location: String?
    public var topic: String?

    public init(facilityID: UUID, groupType: String, sessionDate: ServiceDate, startTime: String, endTime: String, patientIDs: [UUID],
                facilitatorID: UUID? = nil, location: String? = nil, topic: String? = nil) {
        self.facilityID = facilityID
        self.groupType = groupType
        self.sessionDate = sessionDate
        self.startTime = startTime
        self.endTime = endTime
        self.patientIDs = patientIDs
        self.facilitatorID = facilitatorID
        self.location = location
        self.topic = topic
    }
}

/// The outcome of finalizing: the rows still SCHEDULED (the prompt), or ready to bill.
public struct FinalizeOutcome: Sendable, Codable, Equatable {
    public let finalized: Bool
    public let unmarkedRowIDs: [UUID]
}
