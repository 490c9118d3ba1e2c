public import Foundation
import PostgresNIO
public import Platform

/// Reading and writing a group session's clinical notes (CL-14): the narrative and each
/// participant's note. Notes are PHI: the audit log records which fields changed, never their text.
public enum ClinicalNotes {
    /// The session's narrative and its participants' notes, participants by name.
    public static func load(_ sessionID: UUID, in tx: TenantTransaction) async throws -> GroupSessionNotes {
        guard let header = try await tx.rows("""
            SELECT s.locked_at IS NOT NULL, s.topic, s.curriculum, s.notes, s.narrative_version, s.group_type,
                   to_char(s.session_date, 'YYYY-MM-DD'), to_char(s.actual_start_time, 'HH24:MI'), to_char(s.actual_end_time, 'HH24:MI'), f.name,
                   s.schedule_id, (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int, s.facility_id
            FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
            WHERE s.id = \(sessionID)
            """).first else { throw DomainError.notFound("group session") }
        let (locked, topic, curriculum, notes, version, groupType, date, start, end, facility, schedule, duration, facilityID) =
            try header.decode((Bool, String?, String?, String?, Int, String, String, String, String, String, UUID?, Int, UUID).self)
        var rows: [(UUID, UUID, String, String?, String?, String?, Int)] = []
        for try await row in try await tx.query("""
            SELECT id, patient_id, attendance_status, participation_level, individual_response, goal_progress, note_version
            FROM cl_group_attendance WHERE session_id = \(sessionID) AND patient_id IS NOT NULL
            """).decode((UUID, UUID, String, String?, String?, String?, Int).self) {
            rows.append(row)
        }
        let names = try await PeopleLookup.patientNames(rows.map(\.1), in: tx)
        let participants = rows.map { id, patient, status, level, response, progress, noteVersion in
            ParticipantNote(rowID: id, patientID: patient, displayName: names[patient] ?? "Unknown patient",
                            status: AttendanceStatus(rawValue: status) ?? .scheduled, participationLevel: level.flatMap(ParticipationLevel.init(rawValue:)),
                            individualResponse: response, goalProgress: progress, noteVersion: noteVersion)
        }.sorted { ($0.displayName, $0.rowID.uuidString) < ($1.displayName, $1.rowID.uuidString) }
        let session = GroupSessionHeader(id: sessionID, scheduleID: schedule, sessionDate: try ServiceDate(stored: date), startTime: start,
                                         endTime: end, durationMinutes: duration, facilityID: facilityID, groupType: groupType)
        return GroupSessionNotes(header: session, facilityName: facility, locked: locked,
                                 narrative: SessionNarrative(topic: topic, curriculum: curriculum, notes: notes, version: version),
                                 participants: participants)
    }

    /// Replaces the session's narrative. Refused with 409 when the session is locked or when
    /// `expectedVersion` is not the stored one (someone saved in between), and nothing changes.
    public static func recordNarrative(_ narrative: SessionNarrative, sessionID: UUID, expectedVersion: Int?, by principal: Principal,
                                       in tx: TenantTransaction) async throws -> SessionNarrative {
        let clean = try narrative.validated()
        // The session lock, as every writer of a session takes it, so a claim build cannot lock
        // the session between this check and the update.
        guard let found = try await tx.rows("""
            SELECT locked_at IS NOT NULL, narrative_version, topic, curriculum, notes FROM cl_group_sessions WHERE id = \(sessionID) FOR UPDATE
            """).first else { throw DomainError.notFound("group session") }
        let (locked, version, topic, curriculum, notes) = try found.decode((Bool, Int, String?, String?, String?).self)
        try refuseUnlessWritable(locked: locked, expectedVersion: expectedVersion, storedVersion: version)
        let newVersion = try await tx.rows("""
            UPDATE cl_group_sessions SET topic = \(clean.topic), curriculum = \(clean.curriculum), notes = \(clean.notes),
                   narrative_version = narrative_version + 1
            WHERE id = \(sessionID) RETURNING narrative_version
            """).first?.decode(Int.self) ?? version + 1
        let changed = [("topic", topic != clean.topic), ("curriculum", curriculum != clean.curriculum), ("notes", notes != clean.notes)]
            .filter(\.1).map(\.0)
        try await AuditLog.record(AuditEntry(action: "group-session.narrative-recorded", entityType: "group_session", entityID: sessionID.uuidString,
                                             details: ["fields": changed.joined(separator: ","), "version": String(newVersion)]),
                                  by: principal, in: tx)
        var saved = clean
        saved.version = newVersion
        return saved
    }

    /// Replaces one participant's note. Refused with 404 for an unknown session or row, 422 for
    /// a supervisor's row (notes are kept for participants), and 409 when the session is locked
    /// or `expectedVersion` is stale; nothing changes then.
    public static func recordParticipantNote(_ content: ParticipantNoteContent, sessionID: UUID, rowID: UUID, expectedVersion: Int?,
                                             by principal: Principal, in tx: TenantTransaction) async throws -> ParticipantNote {
        let clean = try content.validated()
        guard let found = try await tx.rows("""
            SELECT s.locked_at IS NOT NULL, a.id IS NOT NULL, a.patient_id, a.attendance_status, a.note_version,
                   a.participation_level, a.individual_response, a.goal_progress
            FROM cl_group_sessions s
            LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = \(rowID)
            WHERE s.id = \(sessionID)
            FOR UPDATE OF s
            """).first else { throw DomainError.notFound("group session") }
        let (locked, rowExists, patient, status, version, level, response, progress) =
            try found.decode((Bool, Bool, UUID?, String?, Int?, String?, String?, String?).self)
        guard rowExists, let version, let status else { throw DomainError.notFound("attendance row") }
        guard let patient else {
            throw DomainError(.unprocessable, code: "NOT_A_PARTICIPANT", message: "Notes are kept for participants; this row is a supervisor's.",
                              field: "row_id")
        }
        try refuseUnlessWritable(locked: locked, expectedVersion: expectedVersion, storedVersion: version)
        let newVersion = try await tx.rows("""
            UPDATE cl_group_attendance
            SET participation_level = \(clean.participationLevel?.rawValue), individual_response = \(clean.individualResponse),
                goal_progress = \(clean.goalProgress), note_version = note_version + 1, updated_at = now(), updated_by = \(principal.userID)
            WHERE id = \(rowID) RETURNING note_version
            """).first?.decode(Int.self) ?? version + 1
        let changed = [("participation_level", level != clean.participationLevel?.rawValue), ("individual_response", response != clean.individualResponse),
                       ("goal_progress", progress != clean.goalProgress)].filter(\.1).map(\.0)
        try await AuditLog.record(AuditEntry(action: "attendance.note-recorded", entityType: "group_attendance", entityID: rowID.uuidString,
                                             details: ["session_id": sessionID.uuidString, "fields": changed.joined(separator: ","),
                                                       "participation_level": clean.participationLevel?.rawValue ?? "", "version": String(newVersion)]),
                                  by: principal, in: tx)
        let name = try await PeopleLookup.patientNames([patient], in: tx)[patient] ?? "Unknown patient"
        return ParticipantNote(rowID: rowID, patientID: patient, displayName: name, status: AttendanceStatus(rawValue: status) ?? .scheduled,
                               participationLevel: clean.participationLevel, individualResponse: clean.individualResponse,
                               goalProgress: clean.goalProgress, noteVersion: newVersion)
    }

    static func refuseUnlessWritable(locked: Bool, expectedVersion: Int?, storedVersion: Int) throws {
        if locked {
            throw DomainError(.conflict, code: "LOCKED", message: "A claim has been built from this session; its notes can no longer change.")
        }
        if let expectedVersion, expectedVersion != storedVersion {
            throw DomainError(.conflict, code: "STALE_NOTE", message: "Someone else saved this note since you opened it; reload to see theirs, then save again.")
        }
    }
}
