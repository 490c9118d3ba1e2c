public import Foundation
import PostgresNIO

/// Integration-layer read of Clinical's group sessions for Practice Management's claim scrubber:
/// the inputs `previewGroupBilling` needs, read from the same columns Clinical's session detail
/// reads, so the scrubber and the live preview judge the same roster.
public struct GroupSessionBillingFacts: Sendable, Equatable {
    public let sessionID: UUID
    /// `YYYY-MM-DD`, the date the payer lookup uses.
    public let sessionDate: String
    public let durationMinutes: Int
    /// The facility's site: it selects the jurisdiction profile.
    public let siteID: UUID
    /// The facility's state: it selects the payer's supervision rule and bands.
    public let stateCode: String
    /// Every roster and supervisor row, as the billing helpers see them.
    public let participants: [GroupParticipant]
    /// The roster's patients (supervisors excluded): the primary-payer lookup's input.
    public let patientIDs: [UUID]
    public let locked: Bool

    /// The sessions that exist in this organization, by id; unknown ids (or another tenant's) are absent.
    public static func load(sessionIDs: [UUID], in tx: TenantTransaction) async throws -> [UUID: GroupSessionBillingFacts] {
        guard !sessionIDs.isEmpty else { return [:] }
        // One round trip: each session with its rows aggregated in attendance order.
        let rows = try await tx.rows("""
            SELECT s.id, to_char(s.session_date, 'YYYY-MM-DD'),
                   (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
                   f.site_id, f.state_code, s.locked_at IS NOT NULL,
                   coalesce(array_agg(a.attendance_status ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '{}'),
                   coalesce(array_agg(a.supervisor_user_id IS NOT NULL ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '{}'),
                   coalesce(array_agg(a.patient_id ORDER BY a.id) FILTER (WHERE a.patient_id IS NOT NULL), '{}')
            FROM cl_group_sessions s
            JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
            LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
            WHERE s.id = ANY(\(sessionIDs))
            GROUP BY s.organization_id, s.id, f.site_id, f.state_code
            """)
        var facts: [UUID: GroupSessionBillingFacts] = [:]
        for row in rows {
            let (id, date, duration, site, state, locked, statuses, supervisorFlags, patients) =
                try row.decode((UUID, String, Int, UUID, String, Bool, [String], [Bool], [UUID]).self)
            let participants = zip(statuses, supervisorFlags).map { status, isSupervisor in
                GroupParticipant(status: AttendanceStatus(rawValue: status) ?? .scheduled, isSupervisor: isSupervisor)
            }
            facts[id] = GroupSessionBillingFacts(sessionID: id, sessionDate: date, durationMinutes: duration, siteID: site, stateCode: state,
                                                 participants: participants, patientIDs: patients, locked: locked)
        }
        return facts
    }
}
