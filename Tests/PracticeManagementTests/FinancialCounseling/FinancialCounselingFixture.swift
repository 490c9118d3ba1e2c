import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import PracticeManagement

/// A practice (Arizona by default) with a counselor, a supervisor who may approve charity care,
/// and helpers for patients, sessions and self-pay charges.
struct FinancialCounselingFixture {
    let db: TestDatabase
    let tenant: TestTenant
    let counselor: Principal
    let supervisor: Principal

    static func migrations() throws -> [Migration] { try PlatformMigrations.all() + PracticeManagementModule.migrations() }

    static func make(_ db: TestDatabase, state: String = "AZ", zone: String = "America/Phoenix") async throws -> FinancialCounselingFixture {
        let tenant = try await TestTenant.create("Counseling", permissions: [.financialCounselingView], roles: ["financial-counselor"], stateCode: state, timeZone: zone,
                                                 database: db.database)
        let supervisorID = try await db.database.withTenant(tenant.organizationID) { tx in
            try await Organizations.addStaff(email: "supervisor@\(tenant.organizationID).example", displayName: "Supervisor", password: nil,
                                             roleKeys: ["financial-counseling-supervisor"], defaultFacilityID: tenant.facility.id, in: tx).userID
        }
        return FinancialCounselingFixture(
            db: db, tenant: tenant,
            counselor: Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system,
                                 permissions: [.financialCounselingView, .financialCounselingManage]),
            supervisor: Principal(organizationID: tenant.organizationID, userID: supervisorID, credential: .system,
                                  permissions: [.financialCounselingView, .financialCounselingManage, .financialCounselingApproveCharity]))
    }

    @discardableResult
    func tx<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) async throws -> T) async throws -> T {
        try await db.database.withTenant(tenant.organizationID, body)
    }

    func patient(_ mrn: String) async throws -> UUID {
        try await tx { tx in try await Patients.create(mrn: mrn, givenName: "Pat", familyName: "Ient \(mrn)", dateOfBirth: "1990-02-03", by: nil, in: tx).id }
    }

    /// A session whose income is `annualCents` a year for a household of `household`.
    func session(_ patient: UUID, date: String = "2026-03-02", household: Int = 1, annualCents: Int, verifiedAt: Date? = nil) async throws -> CounselingSession {
        let counselor = counselor
        return try await tx { tx in
            try await CounselingSessions.create(patientID: patient, CounselingSessionInput(
                sessionDate: date, householdSize: household, incomeSources: [IncomeSourceInput(kind: "wages", amountCents: annualCents, frequency: "yearly")],
                incomeVerifiedAt: verifiedAt), by: counselor, in: tx)
        }
    }

    /// An active charge; self-pay unless a payer is given (the payer is created on the fly).
    @discardableResult
    func charge(_ patient: UUID, on date: String, cents: Int, billedToPayer: Bool = false) async throws -> UUID {
        try await tx { tx in
            var payer: UUID?
            if billedToPayer { payer = try await Payers.create(name: "Payer \(UUID().uuidString.prefix(6))", payerCode: String(UUID().uuidString.prefix(8)), by: nil, in: tx).id }
            let id = UUID()
            try await tx.query("""
                INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, payer_id, procedure_code,
                                        modifiers, units, unit_rate_cents, amount_cents, profile_source)
                VALUES (\(tx.organizationID), \(id), \(patient), \(date)::date, 'process_group', 60, '{}'::jsonb, \(payer), 'H0005', \([String]()), 1,
                        \(cents), \(cents), 'defaults')
                """)
            return id
        }
    }

    func count(_ table: String) async throws -> Int {
        try await db.ownerScalars(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), as: Int.self)[0]
    }

    /// The audit entries' actions and details as text, to look for figures that must not be there.
    func auditText() async throws -> [String] {
        try await db.ownerScalars("SELECT action || ' ' || coalesce(reason, '') || ' ' || details::text FROM pf_audit_log ORDER BY id", as: String.self)
    }
}
