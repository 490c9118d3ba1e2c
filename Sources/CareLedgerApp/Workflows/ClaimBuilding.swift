import Clinical
public import Platform
public import PracticeManagement

/// Building claims and locking their sessions: the two cores' steps in one tenant transaction,
/// so a claim never exists for a session that is still editable, and a failure leaves neither.
public enum ClaimBuilding {
    public static func build(_ scope: ClaimScope, principal: Principal, database: Database,
                             jurisdictions: JurisdictionResolver) async throws -> ClaimBuild {
        try await database.withTenant(principal.organizationID) { tx in
            // A session's row lock before its charges' (the order a forced correction takes them),
            // so a claim build and a correction of the same session wait for each other instead of
            // deadlocking. Refused builds roll back, lock included.
            if case .groupSession(let id) = scope { try await GroupSessionLock.lock(sessionIDs: [id], by: principal, in: tx) }
            let built = try await Claims.create(scope: scope, jurisdictions: jurisdictions, by: principal, in: tx)
            try await GroupSessionLock.lock(sessionIDs: built.groupSessionIDs, by: principal, in: tx)
            return built
        }
    }
}
