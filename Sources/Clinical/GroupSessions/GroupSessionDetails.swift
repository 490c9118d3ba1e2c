public import Foundation
import Metrics
public import Platform

extension GroupSessions {
    /// The session's detail with its live billing preview: the participants' primary payer and
    /// the facility's state select the payer rules; the facility's site selects the jurisdiction.
    /// `syncingSupervisors: false` skips adding newly assigned supervisors: after a mark the set
    /// is the one the page already showed, and the next full read picks up new assignments.
    /// The header, rows, names, payer and rules come in one round trip (`GroupSessionReadModel`).
    public static func detail(_ id: UUID, jurisdictions: JurisdictionResolver, syncingSupervisors: Bool = true,
                              in tx: TenantTransaction) async throws -> GroupSessionDetail {
        // Syncing an unknown session inserts nothing; the read below then answers 404.
        if syncingSupervisors { try await syncSupervisors(sessionID: id, in: tx) }
        guard let model = try await GroupSessionReadModel.load(sessionID: id, in: tx) else { throw DomainError.notFound("group session") }
        return detail(id, model: model, jurisdiction: await jurisdictions.resolve(siteID: model.facility.siteID, in: tx))
    }

    /// The detail from the session's read and the site's rules.
    static func detail(_ id: UUID, model: GroupSessionReadModel, jurisdiction: ResolvedJurisdiction) -> GroupSessionDetail {
        let header = model.header
        let rows = attendanceRows(model.rows)
        let roster = rows.filter { $0.patientID != nil }
        let supervisors = rows.filter { $0.supervisorUserID != nil }
        let participants = model.participants
        // The header's counts come from the rows already read, not from a second aggregate query.
        func count(_ state: AttendanceStatus) -> Int { roster.filter { $0.status == state }.count }
        let summary = GroupSessionSummary(header: header, facilityName: model.facility.name,
                                          supervisors: supervisors.map(\.displayName).sorted(), rosterSize: roster.count,
                                          attended: count(.attended), late: count(.late), absent: count(.absent), scheduled: count(.scheduled),
                                          documentationStatus: model.documentationStatus, locked: model.locked)
        let preview = billingPreview(participants, payer: model.payer, durationMinutes: header.durationMinutes, jurisdiction: jurisdiction)
        return GroupSessionDetail(summary: summary, facilityState: model.facility.stateCode,
                                  facilityTimeZone: model.facility.timeZone, location: model.location, topic: model.topic,
                                  supervisors: supervisors, roster: roster, preview: preview,
                                  programLabel: jurisdiction.displayName)
    }

    /// One row with its legal moves, as the roster and a mark's reply show it.
    static func attendanceRow(_ row: GroupSessionReadModel.Row) -> AttendanceRow {
        AttendanceRow(id: row.id, patientID: row.patientID, supervisorUserID: row.supervisorUserID, displayName: row.displayName ?? "Unknown",
                      status: row.status, legalNextStates: row.status.legalNextStates, participationLevel: row.participationLevel,
                      rowVersion: row.rowVersion)
    }

    /// The billing preview's recomputation alone (the pure helper over rows already read), apart
    /// from the read around it that the route's timer includes.
    static let previewComputation = Metrics.Timer(label: "careledger_group_billing_preview_compute_seconds")

    /// The live billing preview over every row's status, as the detail and a mark's reply both show it.
    static func billingPreview(_ participants: [GroupParticipant], payer: PayerGroupRules?, durationMinutes: Int,
                               jurisdiction: ResolvedJurisdiction) -> GroupBillingPreview {
        previewComputation.measure {
            previewGroupBilling(participants: participants, payer: payer, durationMinutes: durationMinutes, billing: jurisdiction.billing)
        }
    }

    /// The roster's rows with their legal moves: participants by name, then supervisors.
    static func attendanceRows(_ rows: [GroupSessionReadModel.Row]) -> [AttendanceRow] {
        rows.map(attendanceRow).sorted { ($0.supervisorUserID == nil ? 0 : 1, $0.displayName, $0.id.uuidString) < ($1.supervisorUserID == nil ? 0 : 1, $1.displayName, $1.id.uuidString) }
    }
}
