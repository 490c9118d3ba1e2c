import Clinical
import Foundation
import Platform

/// The API's JSON shapes for group sessions; the pages render the same values.
struct BillingPreviewView: Codable, Sendable {
    struct Band: Codable, Sendable { let minParticipants: Int; let maxParticipants: Int; let unitRateCents: Int; let mismatch: Bool }
    struct Payer: Codable, Sendable { let id: String; let name: String }

    let billableCount: Int
    let presentSupervisors: Int
    let unmarkedCount: Int
    let payer: Payer?
    /// Why payer-scoped checks did not run, when they did not.
    let payerChecksSkipped: String?
    let band: Band?
    let expectedUnitsPerMember: Int?
    let notBillableReason: String?
    let programLabel: String
    let warnings: [GroupBillingWarning]

    init(_ preview: GroupBillingPreview, programLabel: String) {
        billableCount = preview.billableCount
        presentSupervisors = preview.presentSupervisors
        unmarkedCount = preview.unmarkedCount
        payer = preview.payer.map { Payer(id: $0.payerID.uuidString.lowercased(), name: $0.payerName) }
        payerChecksSkipped = preview.payer == nil
            ? "No participant has active primary coverage, so the payer's supervision and group-size rules were not checked." : nil
        band = preview.band?.band.map { Band(minParticipants: $0.minParticipants, maxParticipants: $0.maxParticipants,
                                              unitRateCents: $0.unitRateCents, mismatch: preview.band?.isMismatch ?? false) }
        expectedUnitsPerMember = preview.expectedUnits.units
        if case .notBillable(let reason) = preview.expectedUnits { notBillableReason = reason.description } else { notBillableReason = nil }
        self.programLabel = programLabel
        warnings = preview.warnings
    }

    static let schema: Schema = .object([
        ("billable_count", .integer), ("present_supervisors", .integer), ("unmarked_count", .integer),
        ("payer", .nullable(.object([("id", .string()), ("name", .string())], required: ["id", "name"]))),
        ("payer_checks_skipped", .nullable(.string())),
        ("band", .nullable(.object([("min_participants", .integer), ("max_participants", .integer), ("unit_rate_cents", .integer),
                                    ("mismatch", .boolean)], required: ["min_participants", "max_participants", "unit_rate_cents", "mismatch"]))),
        ("expected_units_per_member", .nullable(.integer)), ("not_billable_reason", .nullable(.string())), ("program_label", .string()),
        ("warnings", .array(.object([("code", .string(enumeration: ["SUPERVISION_RATIO_BREACH", "GROUP_SIZE_BAND_MISMATCH", "GROUP_UNATTENDED_BILLED", "GROUP_BELOW_SMALLEST_BAND"])),
                                     ("message", .string()), ("figures", .object([], required: []))], required: ["code", "message", "figures"]))),
    ], required: ["billable_count", "present_supervisors", "unmarked_count", "program_label", "warnings"])
}

struct SessionSummaryView: Codable, Sendable {
    let id: UUID
    let sessionDate: String
    let startTime: String
    let endTime: String
    let facilityId: UUID
    let facilityName: String
    let groupType: String
    let supervisors: [String]
    let rosterSize: Int
    let attendanceSummary: String
    let documentationStatus: String
    let locked: Bool

    init(_ summary: GroupSessionSummary) {
        id = summary.id
        sessionDate = summary.sessionDate.description
        startTime = summary.startTime
        endTime = summary.endTime
        facilityId = summary.facilityID
        facilityName = summary.facilityName
        groupType = summary.groupType
        supervisors = summary.supervisors
        rosterSize = summary.rosterSize
        attendanceSummary = summary.attendanceSummary
        documentationStatus = summary.documentationStatus
        locked = summary.locked
    }

    static let schema: Schema = .object([
        ("id", .string(format: "uuid")), ("session_date", .string(format: "date")), ("start_time", .string()), ("end_time", .string()),
        ("facility_id", .string(format: "uuid")), ("facility_name", .string()), ("group_type", .string()), ("supervisors", .array(.string())),
        ("roster_size", .integer), ("attendance_summary", .string()), ("documentation_status", .string(enumeration: ["open", "finalized"])),
        ("locked", .boolean),
    ], required: ["id", "session_date", "start_time", "end_time", "facility_id", "group_type", "roster_size", "attendance_summary"])
}

struct AttendanceRowView: Codable, Sendable {
    let id: UUID
    let patientId: UUID?
    let supervisorUserId: UUID?
    let name: String
    let status: String
    let legalNextStates: [String]
    /// The facilitator's judgement from the participant's note; the note itself is at `…/notes`.
    let participationLevel: String?
    let rowVersion: Int

    init(_ row: AttendanceRow) {
        id = row.id
        patientId = row.patientID
        supervisorUserId = row.supervisorUserID
        name = row.displayName
        status = row.status.rawValue
        legalNextStates = row.legalNextStates.map(\.rawValue)
        participationLevel = row.participationLevel
        rowVersion = row.rowVersion
    }

    static let schema: Schema = .object([
        ("id", .string(format: "uuid")), ("patient_id", .nullable(.string(format: "uuid"))), ("supervisor_user_id", .nullable(.string(format: "uuid"))),
        ("name", .string()), ("status", .string(enumeration: AttendanceStatus.allCases.map(\.rawValue))),
        ("legal_next_states", .array(.string())),
        ("participation_level", .nullable(.string(enumeration: ParticipationLevel.allCases.map(\.rawValue)))), ("row_version", .integer),
    ], required: ["id", "name", "status", "legal_next_states", "row_version"])
}

struct SessionDetailView: Codable, Sendable {
    let session: SessionSummaryView
    let scheduleId: UUID?
    let stateCode: String
    let timeZone: String
    let durationMinutes: Int
    let location: String?
    let topic: String?
    let supervisors: [AttendanceRowView]
    let roster: [AttendanceRowView]
    let billingPreview: BillingPreviewView

    init(_ detail: GroupSessionDetail) {
        session = SessionSummaryView(detail.summary)
        scheduleId = detail.summary.scheduleID
        stateCode = detail.facilityState
        timeZone = detail.facilityTimeZone
        durationMinutes = detail.summary.durationMinutes
        location = detail.location
        topic = detail.topic
        supervisors = detail.supervisors.map(AttendanceRowView.init)
        roster = detail.roster.map(AttendanceRowView.init)
        billingPreview = BillingPreviewView(detail.preview, programLabel: detail.programLabel)
    }
}
