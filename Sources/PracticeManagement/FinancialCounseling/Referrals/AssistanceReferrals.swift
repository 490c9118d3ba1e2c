public import Foundation
import PostgresNIO
public import Platform

/// Storing and moving assistance-program referrals. Every write is audited here, with ids and
/// codes only.
public enum AssistanceReferrals {
    static let columns = """
        id, patient_id, program, application_status, policy_id, identified_at, referred_at, application_submitted_at,
        approved_at, denied_at, withdrawn_at, version
        """

    /// Opens a referral in `identified` for a patient of the organization (404 otherwise).
    public static func create(patientID: UUID, program: AssistanceProgram, by principal: Principal, in tx: TenantTransaction) async throws -> AssistanceReferral {
        _ = try await Patients.find(patientID, in: tx)
        let id = UUID.random()
        let row = try await tx.rows("""
            INSERT INTO pm_assistance_program_referrals (organization_id, id, patient_id, program, created_by)
            VALUES (\(tx.organizationID), \(id), \(patientID), \(program.rawValue), \(principal.userID))
            RETURNING \(unescaped: columns)
            """)
        let referral = try decode(row[0])
        try await AuditLog.record(AuditEntry(action: "assistance-referral.created", entityType: "assistance_referral", entityID: id.uuidString,
                                             details: ["patient_id": patientID.uuidString, "program": program.rawValue, "status": referral.applicationStatus.rawValue]),
                                  by: principal, in: tx)
        return referral
    }

    /// The patient's referrals, newest first; 404 for an unknown patient.
    public static func list(patientID: UUID, in tx: TenantTransaction) async throws -> [AssistanceReferral] {
        _ = try await Patients.find(patientID, in: tx)
        return try await tx.rows("""
            SELECT \(unescaped: columns) FROM pm_assistance_program_referrals WHERE patient_id = \(patientID) ORDER BY identified_at DESC, id
            """).map(decode)
    }

    /// Referrals still in progress (not approved, denied or withdrawn), oldest first: the
    /// counselor's worklist follows them up.
    public static func inProgress(limit: Int = 200, in tx: TenantTransaction) async throws -> [AssistanceReferral] {
        try await tx.rows("""
            SELECT \(unescaped: columns) FROM pm_assistance_program_referrals
            WHERE application_status IN ('identified', 'referred', 'application_submitted') ORDER BY identified_at, id LIMIT \(limit)
            """).map(decode)
    }

    /// One referral; 404 when unknown (including another tenant's).
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> AssistanceReferral {
        guard let row = try await tx.rows("SELECT \(unescaped: columns) FROM pm_assistance_program_referrals WHERE id = \(id)").first else {
            throw DomainError.notFound("assistance_referral")
        }
        return try decode(row)
    }

    /// Moves a referral to `status`, timestamping the move. 409 `ILLEGAL_TRANSITION` for a move
    /// the lifecycle does not allow, 409 `STALE_REFERRAL` when `expectedVersion` is not the current
    /// one. An approval needs `policyID`, a coverage of this patient in the organization (422
    /// naming `policy_id` otherwise); it links it and runs the coverage's eligibility check on the
    /// organization's local date in the same transaction, recording the result on the coverage.
    public static func move(_ id: UUID, to status: AssistanceReferralStatus, expectedVersion: Int, policyID: UUID?,
                            by principal: Principal, in tx: TenantTransaction) async throws -> AssistanceReferralMove {
        guard let row = try await tx.rows("""
            SELECT \(unescaped: columns) FROM pm_assistance_program_referrals WHERE id = \(id) FOR UPDATE
            """).first else { throw DomainError.notFound("assistance_referral") }
        let current = try decode(row)
        guard current.version == expectedVersion else {
            throw DomainError(.conflict, code: "STALE_REFERRAL",
                              message: "The referral changed since version \(expectedVersion) (it is at \(current.version)). Reload it and try again.",
                              field: "version")
        }
        guard current.applicationStatus.canTransition(to: status) else {
            let allowed = current.applicationStatus.legalNextStates.map(\.rawValue)
            throw DomainError(.conflict, code: "ILLEGAL_TRANSITION",
                              message: "A referral in \(current.applicationStatus.rawValue) cannot move to \(status.rawValue)"
                                + (allowed.isEmpty ? "; it is final." : "; it may move to \(allowed.joined(separator: ", ")))."),
                              field: "status")
        }
        if status == .approved {
            guard let policyID else { throw DomainError.invalid("policy_id", "An approval names the coverage (policy) the program granted.") }
            let owner = try await tx.rows("SELECT patient_id FROM pm_coverages WHERE id = \(policyID)").first?.decode(UUID.self)
            guard owner == current.patientID else {
                throw DomainError.invalid("policy_id", "The coverage must be one of this patient's coverages in the organization.")
            }
        } else if policyID != nil {
            throw DomainError.invalid("policy_id", "Only an approval names a coverage.")
        }
        let updated = try await tx.rows("""
            UPDATE pm_assistance_program_referrals SET
              application_status = \(status.rawValue),
              policy_id = \(status == .approved ? policyID : nil),
              referred_at = CASE WHEN \(status.rawValue) = 'referred' THEN now() ELSE referred_at END,
              application_submitted_at = CASE WHEN \(status.rawValue) = 'application_submitted' THEN now() ELSE application_submitted_at END,
              approved_at = CASE WHEN \(status.rawValue) = 'approved' THEN now() ELSE approved_at END,
              denied_at = CASE WHEN \(status.rawValue) = 'denied' THEN now() ELSE denied_at END,
              withdrawn_at = CASE WHEN \(status.rawValue) = 'withdrawn' THEN now() ELSE withdrawn_at END,
              version = version + 1
            WHERE id = \(id)
            RETURNING \(unescaped: columns)
            """)
        let referral = try decode(updated[0])
        var details = ["before": current.applicationStatus.rawValue, "after": status.rawValue]
        var eligibility: CoverageEligibility?
        if status == .approved, let policyID {
            details["policy_id"] = policyID.uuidString
            let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx))
            eligibility = try await Coverages.checkEligibility(coverageID: policyID, on: today, by: principal, in: tx)
        }
        try await AuditLog.record(AuditEntry(action: "assistance-referral.moved", entityType: "assistance_referral", entityID: id.uuidString,
                                             details: details), by: principal, in: tx)
        return AssistanceReferralMove(referral: referral, eligibility: eligibility)
    }

    static func decode(_ row: PostgresRow) throws -> AssistanceReferral {
        let (id, patient, program, status, policy, identified, referred, submitted, approved, denied, withdrawn, version) =
            try row.decode((UUID, UUID, String, String, UUID?, Date, Date?, Date?, Date?, Date?, Date?, Int).self)
        // The columns' CHECKs allow exactly the enums' values.
        return AssistanceReferral(id: id, patientID: patient, program: AssistanceProgram(rawValue: program) ?? .other,
                                  applicationStatus: AssistanceReferralStatus(rawValue: status) ?? .identified, policyID: policy,
                                  identifiedAt: identified, referredAt: referred, applicationSubmittedAt: submitted, approvedAt: approved,
                                  deniedAt: denied, withdrawnAt: withdrawn, version: version)
    }
}
