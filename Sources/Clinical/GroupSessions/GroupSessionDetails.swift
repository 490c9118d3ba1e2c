public import Foundation
import PostgresNIO
public import Platform

extension GroupSessions {
    /// The session's detail with its live billing preview: the participants' primary payer and
    /// the facility's state select the payer rules; the facility's site selects the jurisdiction.
    /// `syncingSupervisors: false` skips adding newly assigned supervisors: after a mark the set
    /// is the one the page already showed, and the next full read picks up new assignments.
    public static func detail(_ id: UUID, jurisdictions: JurisdictionResolver, syncingSupervisors: Bool = true,
                              in tx: TenantTransaction) async throws -> GroupSessionDetail {
        let header = try await tx.rows("""
            SELECT s.schedule_id, f.state_code, f.time_zone, f.site_id, s.location, s.topic,
                   (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
                   to_char(s.session_date, 'YYYY-MM-DD'), to_char(s.actual_start_time, 'HH24:MI'), to_char(s.actual_end_time, 'HH24:MI'),
                   s.facility_id, f.name, s.group_type, s.documentation_status, s.locked_at IS NOT NULL
            FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
            WHERE s.id = \(id)
            """)
        guard let headerRow = header.first else { throw DomainError.notFound("group session") }
        let (scheduleID, state, zone, siteID, location, topic, duration, date, start, end, facilityID, facilityName, groupType, status, locked) =
            try headerRow.decode((UUID?, String, String, UUID, String?, String?, Int, String, String, String, UUID, String, String, String, Bool).self)
        if syncingSupervisors { try await syncSupervisors(sessionID: id, in: tx) }
        let rows = try await attendanceRows(sessionID: id, in: tx)
        let roster = rows.filter { $0.patientID != nil }
        let supervisors = rows.filter { $0.supervisorUserID != nil }
        let participants = rows.map { GroupParticipant(status: $0.status, isSupervisor: $0.supervisorUserID != nil) }
        // The header's counts come from the rows already read, not from a second aggregate query.
        func count(_ state: AttendanceStatus) -> Int { roster.filter { $0.status == state }.count }
        let summary = GroupSessionSummary(id: id, sessionDate: date, startTime: start, endTime: end, facilityID: facilityID,
                                          facilityName: facilityName, groupType: groupType, supervisors: supervisors.map(\.displayName).sorted(),
                                          rosterSize: roster.count, attended: count(.attended), late: count(.late), absent: count(.absent),
                                          scheduled: count(.scheduled), documentationStatus: status, locked: locked)
        var payerRules: PayerGroupRules?
        if let payer = try await GroupPayerLookup.primaryPayer(patientIDs: roster.compactMap(\.patientID), on: summary.sessionDate, in: tx) {
            payerRules = try await GroupPayerLookup.rules(payerID: payer.id, payerName: payer.name, stateCode: state, in: tx)
        }
        let jurisdiction = await jurisdictions.resolve(siteID: siteID, in: tx)
        let preview = previewGroupBilling(participants: participants, payer: payerRules, durationMinutes: duration, billing: jurisdiction.billing)
        return GroupSessionDetail(summary: summary, scheduleID: scheduleID, facilityState: state, facilityTimeZone: zone, location: location,
                                  topic: topic, durationMinutes: duration, supervisors: supervisors, roster: roster, preview: preview,
                                  programLabel: jurisdiction.displayName)
    }

    /// Every attendance row of a session: participants by name, then supervisors.
    static func attendanceRows(sessionID: UUID, in tx: TenantTransaction) async throws -> [AttendanceRow] {
        let raw = try await tx.rows("""
            SELECT id, patient_id, supervisor_user_id, attendance_status, participation_level, row_version
            FROM cl_group_attendance WHERE session_id = \(sessionID)
            """).map { try $0.decode((UUID, UUID?, UUID?, String, String?, Int).self) }
        let patientNames = try await PeopleLookup.patientNames(raw.compactMap(\.1), in: tx)
        let staffNames = try await PeopleLookup.staffNames(raw.compactMap(\.2), in: tx)
        return raw.map { id, patient, supervisor, status, level, version in
            let state = AttendanceStatus(rawValue: status) ?? .scheduled
            let name = patient.flatMap { patientNames[$0] } ?? supervisor.flatMap { staffNames[$0] } ?? "Unknown"
            return AttendanceRow(id: id, patientID: patient, supervisorUserID: supervisor, displayName: name, status: state,
                                 legalNextStates: state.legalNextStates, participationLevel: level, rowVersion: version)
        }.sorted { ($0.supervisorUserID == nil ? 0 : 1, $0.displayName, $0.id.uuidString) < ($1.supervisorUserID == nil ? 0 : 1, $1.displayName, $1.id.uuidString) }
    }
}
