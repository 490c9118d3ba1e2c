import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// PracticeManagement audits its own writes, in the transaction of the change, with ids and codes only.
@Suite("PracticeManagement's audit entries")
struct PracticeManagementAuditTests {
    static func migrations() throws -> [Migration] { try PlatformMigrations.all() + PracticeManagementModule.migrations() }

    @Test("each billing and patient write records its own entry, by its actor, naming no person")
    func writesAreAudited() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let tenant = try await TestTenant.create("Audited", permissions: [.patientsRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let since = ServiceDate(year: 2025, month: 1, day: 1)!
            try await db.database.withTenant(tenant.organizationID) { tx in
                let patient = try await Patients.create(mrn: "MRN-77", givenName: "Rosalind", familyName: "Quill", dateOfBirth: "1980-04-05",
                                                        by: principal, in: tx)
                let payer = try await Payers.create(name: "Mercy Care", payerCode: "MCARE", by: principal, in: tx)
                _ = try await Payers.setClaimFilingIndicator(.commercialInsurance, payerID: payer.id, by: principal, in: tx)
                _ = try await Payers.replaceGroupRules(payerID: payer.id, stateCode: "AZ", maxParticipantsPerSupervisor: 6,
                                                       bands: [GroupSizeBand(minParticipants: 2, maxParticipants: 5, unitRateCents: 1500)],
                                                       by: principal, in: tx)
                _ = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "SECRET-MEMBER-1", priority: 1,
                                               effectiveFrom: since, effectiveTo: nil, by: principal, in: tx)
                try await FeeScheduleStore.addMapping(serviceType: "process_group", procedureCode: "90853", payerID: nil, effectiveFrom: since,
                                                      by: principal, in: tx)
                try await FeeScheduleStore.addFee(procedureCode: "90853", payerID: nil, unitRateCents: 2_000, effectiveFrom: since, by: principal, in: tx)
            }
            let entries = try await db.ownerScalars("""
                SELECT action || '|' || coalesce((actor_user_id = \(tenant.userID))::text, 'none') FROM pf_audit_log
                WHERE organization_id = \(tenant.organizationID) AND action NOT LIKE 'facility.%' ORDER BY id
                """, as: String.self)
            #expect(entries == ["patient.created|true", "payer.created|true", "payer.filing-indicator-set|true", "payer-group-rules.saved|true",
                                "coverage.created|true", "service-code-mapping.created|true", "fee-schedule-entry.created|true"])
            let text = try await db.ownerScalars("SELECT concat_ws(' ', entity_id, reason, details::text) FROM pf_audit_log", as: String.self)
                .joined(separator: " ")
            for phi in ["Rosalind", "Quill", "1980-04-05", "SECRET-MEMBER-1"] { #expect(!text.contains(phi), "audit text holds \(phi)") }
        }
    }

    @Test("a refused write leaves no audit entry")
    func refusedWriteIsNotAudited() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let tenant = try await TestTenant.create("Refused", permissions: [.patientsRead], database: db.database)
            let before = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self)
            await #expect(throws: DomainError.self) {
                try await db.database.withTenant(tenant.organizationID) { tx in
                    _ = try await Payers.setClaimFilingIndicator(.commercialInsurance, payerID: UUID(), by: nil, in: tx)
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self) == before)
        }
    }
}
