public import Foundation
import PostgresNIO
public import Platform

/// Submitting, approving and denying charity care applications. Approve, deny and changing an
/// approval's expiration need `pm.financial_counseling.approve_charity` (supervisor level).
public enum CharityCareApplications {
    /// Submits an application from a counseling session (the patient is the session's).
    public static func submit(sessionID: UUID, by principal: Principal?, in tx: TenantTransaction) async throws -> CharityCareApplication {
        let session = try await CounselingSessions.find(sessionID, in: tx)
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_charity_care_applications (organization_id, id, patient_id, session_id, submitted_by)
            VALUES (\(tx.organizationID), \(id), \(session.patientID), \(sessionID), \(principal?.userID))
            """)
        try await AuditLog.record(AuditEntry(action: "charity-care.submitted", entityType: "charity_care_application", entityID: id.uuidString,
                                             details: ["patient_id": session.patientID.uuidString, "session_id": sessionID.uuidString]),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    /// Approves a submitted application with a discount (1–100 percent) and an expiration date,
    /// 12 months after the approval on the organization's calendar unless given.
    public static func approve(_ id: UUID, discountPercent: Int, expirationDate: ServiceDate? = nil, by principal: Principal,
                               now: Date = Date(), in tx: TenantTransaction) async throws -> CharityCareApplication {
        try principal.require(.financialCounselingApproveCharity)
        guard (1...100).contains(discountPercent) else { throw DomainError.invalid("discount_percent", "A charity discount is 1 to 100 percent.") }
        let today = try await organizationToday(now: now, in: tx)
        let expiration = expirationDate ?? CharityCareRules.defaultExpiration(approvedOn: today)
        guard expiration > today else { throw DomainError.invalid("expiration_date", "An approval expires after today (\(today)).") }
        try await transition(id, to: .approved, in: tx, set: """
            approved_at = \(now), approved_by = \(principal.userID), discount_percent = \(discountPercent), expiration_date = \(expiration.description)::date
            """)
        try await AuditLog.record(AuditEntry(action: "charity-care.approved", entityType: "charity_care_application", entityID: id.uuidString,
                                             details: ["discount_percent": String(discountPercent), "expiration_date": expiration.description]),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    /// Denies a submitted application, with the reason.
    public static func deny(_ id: UUID, reason: String, by principal: Principal, now: Date = Date(), in tx: TenantTransaction) async throws -> CharityCareApplication {
        try principal.require(.financialCounselingApproveCharity)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(reason.count) else { throw DomainError.invalid("denial_reason", "A denial needs a reason of at most 500 characters.") }
        try await transition(id, to: .denied, in: tx, set: "denied_at = \(now), denied_by = \(principal.userID), denial_reason = \(reason)")
        // The reason is free text and may describe the household: it stays out of the audit entry.
        try await AuditLog.record(AuditEntry(action: "charity-care.denied", entityType: "charity_care_application", entityID: id.uuidString),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    /// Changes an approval's expiration date (a supervisor decision); 409 unless approved.
    public static func changeExpiration(_ id: UUID, to date: ServiceDate, expectedVersion: Int, by principal: Principal,
                                        in tx: TenantTransaction) async throws -> CharityCareApplication {
        try principal.require(.financialCounselingApproveCharity)
        let current = try await find(id, in: tx)
        guard current.status == .approved else {
            throw DomainError(.conflict, code: "ILLEGAL_TRANSITION", message: "Only an approved application has an expiration date to change.", field: "status")
        }
        let rows = try await tx.rows("""
            UPDATE pm_charity_care_applications SET expiration_date = \(date.description)::date, version = version + 1
            WHERE id = \(id) AND version = \(expectedVersion) RETURNING 1
            """)
        guard !rows.isEmpty else {
            throw DomainError(.conflict, code: "STALE_VERSION", message: "The application was changed by someone else; reload it and try again.", field: "version")
        }
        try await AuditLog.record(AuditEntry(action: "charity-care.expiration-changed", entityType: "charity_care_application", entityID: id.uuidString,
                                             details: ["before": current.expirationDate?.description ?? "", "after": date.description]),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> CharityCareApplication {
        guard let found = try await load(PostgresQuery(unsafeSQL: select + " WHERE id = $1", binds: binds(id)), in: tx).first else {
            throw DomainError.notFound("charity care application")
        }
        return found
    }

    /// A patient's applications, newest first.
    public static func list(patientID: UUID, in tx: TenantTransaction) async throws -> [CharityCareApplication] {
        _ = try await Patients.find(patientID, in: tx)
        return try await load(PostgresQuery(unsafeSQL: select + " WHERE patient_id = $1 ORDER BY submitted_at DESC, id", binds: binds(patientID)), in: tx)
    }

    /// The organization's calendar date at `now`.
    public static func organizationToday(now: Date, in tx: TenantTransaction) async throws -> ServiceDate {
        ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx), now: now)
    }

    /// Moves a submitted application to approved or denied; 409 from any other state.
    private static func transition(_ id: UUID, to status: CharityCareStatus, in tx: TenantTransaction, set assignments: PostgresQuery) async throws {
        guard let row = try await tx.rows("SELECT status FROM pm_charity_care_applications WHERE id = \(id) FOR UPDATE").first else {
            throw DomainError.notFound("charity care application")
        }
        let current = try row.decode(String.self)
        guard current == CharityCareStatus.submitted.rawValue else {
            throw DomainError(.conflict, code: "ILLEGAL_TRANSITION", message: "A \(current) application cannot become \(status.rawValue).", field: "status")
        }
        var query = PostgresQuery(unsafeSQL: "UPDATE pm_charity_care_applications SET status = '\(status.rawValue)', version = version + 1, ", binds: assignments.binds)
        query.sql += assignments.sql + " WHERE id = $\(assignments.binds.count + 1)"
        query.binds.append(id)
        try await tx.query(query)
    }

    private static let select = """
        SELECT id, patient_id, session_id, status, submitted_at, approved_at, approved_by, discount_percent,
               to_char(expiration_date, 'YYYY-MM-DD'), denied_at, denial_reason, version FROM pm_charity_care_applications
        """

    private static func binds(_ id: UUID) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }

    private static func load(_ query: PostgresQuery, in tx: TenantTransaction) async throws -> [CharityCareApplication] {
        var found: [CharityCareApplication] = []
        for row in try await tx.rows(query) {
            let (id, patient, session, status, submitted, approved, approvedBy, percent, expiration, denied, reason, version) =
                try row.decode((UUID, UUID, UUID, String, Date, Date?, UUID?, Int?, String?, Date?, String?, Int).self)
            found.append(CharityCareApplication(id: id, patientID: patient, sessionID: session, status: CharityCareStatus(rawValue: status) ?? .submitted,
                                                submittedAt: submitted, approvedAt: approved, approvedBy: approvedBy, discountPercent: percent,
                                                expirationDate: expiration.flatMap(ServiceDate.init), deniedAt: denied, denialReason: reason, version: version))
        }
        return found
    }
}
