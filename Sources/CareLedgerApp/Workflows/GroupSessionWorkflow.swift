public import Clinical
public import Foundation
public import Platform
import PracticeManagement

/// The attendance actions as the API and the pages perform them: Clinical's change, then the
/// documented event that hands the session to charge capture, in the caller's transaction.
public enum GroupSessionWorkflow {
    /// Marks one row; a session already documented is published again so its charges are rebuilt.
    public static func mark(sessionID: UUID, rowID: UUID, to status: AttendanceStatus, expectedVersion: Int?, by principal: Principal,
                     bus: EventBus, in tx: TenantTransaction) async throws {
        let mark = try await Attendance.mark(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion, by: principal, in: tx)
        // Most marks happen before the session is documented and cost no extra round trip.
        if mark.sessionDocumented {
            try await GroupSessionDocumentation.publish(sessionID: sessionID, trigger: .attendanceChanged, by: principal, bus: bus, in: tx)
        }
    }

    /// A mark as the API makes it, with the row and the session's billing preview as the mark left
    /// them. The common case (a plain mark in a session not yet documented) is one statement and
    /// one round trip that returns only what the reply needs, the group's payer included only when
    /// this process does not hold the current one; anything else (a refusal, a race, a documented
    /// session, a forced correction) runs in a transaction that says why, publishes, or rebuilds,
    /// and then reads the session.
    public static func markAndReply(sessionID: UUID, rowID: UUID, to status: AttendanceStatus, expectedVersion: Int?, force: Bool, reason: String,
                                    by principal: Principal, services: CareLedgerServices) async throws -> AttendanceMarkReply {
        let (database, jurisdictions, bus, payers) = (services.database, services.jurisdictions, services.bus, services.groupPayers)
        let organizationID = principal.organizationID
        if !force {
            let kept = payers.kept(organizationID: organizationID, sessionID: sessionID)
            if let reply = try await Attendance.markAlone(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion,
                                                          by: principal, knownPayerVersion: kept?.version, database: database) {
                let payer = try payers.payer(after: reply, sentWith: kept, organizationID: organizationID, sessionID: sessionID)
                let jurisdiction = await jurisdictions.resolve(siteID: reply.siteID, organizationID: organizationID, database: database)
                return GroupSessions.markReply(reply, payer: payer, jurisdiction: jurisdiction)
            }
        }
        return try await database.withTenant(organizationID) { tx in
            if force {
                _ = try await forceMark(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion, reason: reason,
                                        by: principal, bus: bus, jurisdictions: jurisdictions, in: tx)
            } else {
                try await mark(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion, by: principal, bus: bus, in: tx)
            }
            let detail = try await GroupSessions.detail(sessionID, jurisdictions: jurisdictions, syncingSupervisors: false, in: tx)
            return try GroupSessions.markReply(rowID: rowID, in: detail)
        }
    }

    /// A forced correction on a locked session, all in the caller's transaction so a failure at
    /// any step leaves everything as it was: the row changes (audited with the reason), the
    /// session is documented again, its charges are rebuilt at once (voiding the affected ones with
    /// the reason), and each claim that held a voided charge gets its replacement or void. The
    /// dispatcher later sees that revision as already applied.
    public static func forceMark(sessionID: UUID, rowID: UUID, to status: AttendanceStatus, expectedVersion: Int?, reason: String,
                          by principal: Principal, bus: EventBus, jurisdictions: JurisdictionResolver,
                          in tx: TenantTransaction) async throws -> ForcedAttendanceChange {
        let change = try await Attendance.forceMark(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion,
                                                    reason: reason, by: principal, in: tx)
        guard let documented = try await GroupSessionDocumentation.publish(sessionID: sessionID, trigger: .forcedCorrection, by: principal,
                                                                           bus: bus, in: tx) else { throw DomainError.notFound("group session") }
        let why = "Forced correction: \(change.after.rawValue) (\(reason))"
        try await GroupChargeBuilder(resolver: jurisdictions).build([documented], voidReason: why, by: principal.userID, in: tx)
        _ = try await Claims.correctAfterRebuild(sessionID: sessionID, reason: why, jurisdictions: jurisdictions, by: principal, in: tx)
        return change
    }

    /// Finalizes; a finalized session is documented (charges are built without waiting for its end time).
    public static func finalize(sessionID: UUID, by principal: Principal, bus: EventBus, in tx: TenantTransaction) async throws -> FinalizeOutcome {
        let outcome = try await Attendance.finalize(sessionID: sessionID, by: principal, in: tx)
        if outcome.finalized {
            try await GroupSessionDocumentation.publish(sessionID: sessionID, trigger: .finalized, by: principal, bus: bus, in: tx)
        }
        return outcome
    }
}
