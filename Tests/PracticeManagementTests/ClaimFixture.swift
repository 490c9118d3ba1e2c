import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement

/// An Arizona practice ready to bill: a Medicaid payer that allows 3 participants per supervisor
/// and pays bands 2–3 and 5–8 (4 falls in the gap), covered patients with sex, address and
/// diagnoses, and a billing profile. Sessions and charges are made per test.
struct ClaimFixture {
    let db: TestDatabase
    let tenant: TestTenant
    let principal: Principal
    let payerID: UUID
    let resolver: JurisdictionResolver
    static let serviceDate = ServiceDate(year: 2025, month: 3, day: 3)!

    static func migrations() throws -> [Migration] {
        try PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations()
    }

    static func profile() -> BillingProfile {
        BillingProfile(legalName: "Desert Bloom Behavioral Health", npi: "1234567893", ein: "86-1234567", taxonomyCode: "261QM0801X",
                       addressLine1: "100 N Central Ave", city: "Phoenix", stateCode: "AZ", postalCode: "85004-1234", submitterID: "DESERTBLOOM",
                       submitterContactName: "Jane Biller", submitterPhone: "(602) 555-0100", receiverName: "Clearhouse", receiverID: "CLEARHOUSE")
    }

    static func make(_ db: TestDatabase, name: String = "Claims", withProfile: Bool = true) async throws -> ClaimFixture {
        let tenant = try await TestTenant.create(name, permissions: [.claimsManage], database: db.database)
        let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
        let payer = try await db.database.withTenant(tenant.organizationID) { tx in
            let payer = try await Payers.create(name: "AHCCCS Complete Care", payerCode: "AZACC", by: nil, in: tx)
            _ = try await Payers.replaceGroupRules(payerID: payer.id, stateCode: "AZ", maxParticipantsPerSupervisor: 3, bands: [
                GroupSizeBand(minParticipants: 2, maxParticipants: 3, unitRateCents: 1600),
                GroupSizeBand(minParticipants: 5, maxParticipants: 8, unitRateCents: 1200),
            ], by: nil, in: tx)
            if withProfile { try await BillingProfiles.save(profile(), by: principal, in: tx) }
            return payer.id
        }
        return ClaimFixture(db: db, tenant: tenant, principal: principal, payerID: payer, resolver: JurisdictionResolver(logger: db.logger))
    }

    @discardableResult
    func tx<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) async throws -> T) async throws -> T {
        try await db.database.withTenant(tenant.organizationID, body)
    }

    /// A patient; `covered` gives primary coverage by the payer, `complete` the claim facts.
    func patient(_ mrn: String, covered: Bool = true, complete: Bool = true) async throws -> UUID {
        let principal = principal
        let payerID = payerID
        return try await tx { tx in
            let patient = try await Patients.create(mrn: mrn, givenName: "Member", familyName: "Test \(mrn)", dateOfBirth: "1990-02-03", by: nil, in: tx)
            if covered {
                _ = try await Coverages.create(patientID: patient.id, payerID: payerID, memberID: "M\(mrn)", priority: 1,
                                               effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, effectiveTo: nil, by: nil, in: tx)
            }
            if complete {
                try await Patients.saveClaimFacts(PatientClaimFacts(sex: "F", addressLine1: "12 Palm Ln", city: "Tempe", stateCode: "AZ",
                                                                    postalCode: "85281", diagnosisCodes: ["F33.1", "F41.1"]),
                                                  patientID: patient.id, by: principal, in: tx)
            }
            return patient.id
        }
    }

    /// A session whose roster rows carry the given statuses, with one supervisor row per entry of `supervisors`.
    func session(_ roster: [(UUID, AttendanceStatus)], supervisors: [AttendanceStatus] = []) async throws -> UUID {
        let principal = principal
        let tenant = tenant
        return try await tx { tx in
            var supervisorIDs: [UUID] = []
            for (index, _) in supervisors.enumerated() {
                let user = try await Organizations.addStaff(email: "sup\(index)-\(UUID().uuidString.prefix(6))@claims.example", displayName: "Supervisor \(index)",
                                                            password: nil, roleKeys: ["supervisor"], defaultFacilityID: nil, in: tx).userID
                _ = try await StaffAssignments.assign(providerUserID: user, patientID: roster[0].0, role: "SUPERVISING", by: nil, in: tx)
                supervisorIDs.append(user)
            }
            let session = try await GroupSessions.create(NewGroupSession(
                facilityID: tenant.facility.id, groupType: "process_group", sessionDate: Self.serviceDate, startTime: "09:00", endTime: "10:00",
                patientIDs: roster.map(\.0)), by: principal, in: tx)
            for (patient, status) in roster {
                try await tx.query("UPDATE cl_group_attendance SET attendance_status = \(status.rawValue) WHERE session_id = \(session) AND patient_id = \(patient)")
            }
            for (user, status) in zip(supervisorIDs, supervisors) {
                try await tx.query("UPDATE cl_group_attendance SET attendance_status = \(status.rawValue) WHERE session_id = \(session) AND supervisor_user_id = \(user)")
            }
            // Assignments outlive the session: drop them so later sessions of the same patients get only their own supervisors.
            try await tx.query("UPDATE cl_staff_assignments SET active = false")
            return session
        }
    }

    /// An active group charge, as the documented-event consumer will write it.
    @discardableResult
    func charge(session: UUID?, patient: UUID, payer: UUID?, amountCents: Int? = 6_400) async throws -> UUID {
        try await tx { tx in
            let id = UUID()
            let rate = amountCents.map { $0 / 4 }
            try await tx.query("""
                INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, payer_id, procedure_code,
                                        modifiers, units, unit_rate_cents, amount_cents, profile_source, group_session_id)
                VALUES (\(tx.organizationID), \(id), \(patient), \(Self.serviceDate.description)::date, 'process_group', 60, '{}'::jsonb, \(payer),
                        'H0005', \(["HQ"]), 4, \(rate), \(amountCents), 'defaults', \(session))
                """)
            return id
        }
    }

    func voidCharge(_ id: UUID) async throws {
        try await tx { tx in
            try await tx.query("UPDATE pm_charges SET status = 'void', voided_at = now(), void_reason = 'attendance corrected' WHERE id = \(id)")
        }
    }
}
