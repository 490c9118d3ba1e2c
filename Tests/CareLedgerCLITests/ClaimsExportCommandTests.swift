import CareLedgerApp
import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Claims export command")
struct ClaimsExportCommandTests {
    @Test("claims export asks which claims before touching a database, and refuses a malformed claim id")
    func refusesBadOptions() async throws {
        let none = try await CommandRunner.run(["claims", "export", "--output", "/tmp/never.x12"], environment: [:])
        #expect(none.status != 0)
        #expect(none.stderr.contains("Name claims with --claim ID, or pass --all-open."))
        let malformed = try await CommandRunner.run(["claims", "export", "--claim", "CL-1", "--output", "/tmp/never.x12"], environment: [:])
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("CL-1 is not a claim id"))
    }

    @Test("claims export --all-open with nothing open says so and writes no file")
    func nothingOpen() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("Exporter", permissions: [.claimsManage], database: db.database)
            let slug = try await db.ownerScalars("SELECT slug FROM pf_organizations WHERE id = \(tenant.organizationID)", as: String.self)[0]
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-\(UUID().uuidString).x12")
            let outcome = try await CommandRunner.run(["claims", "export", "--organization", slug, "--all-open", "--output", output.path],
                                                environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("No open claims to export; nothing written."))
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test("claims export --all-open writes the open claims as an 837P that pyx12 accepts, marks them exported, and says what it wrote")
    func exportsOpenClaims() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("Export run", permissions: [.claimsManage], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let claimIDs = try await db.database.withTenant(tenant.organizationID) { tx in
                try await BillingProfiles.save(BillingProfile(
                    legalName: "Desert Bloom Behavioral Health", npi: "1234567893", ein: "86-1234567", taxonomyCode: "261QM0801X",
                    addressLine1: "100 N Central Ave", city: "Phoenix", stateCode: "AZ", postalCode: "85004-1234", submitterID: "DESERTBLOOM",
                    submitterContactName: "Jane Biller", submitterPhone: "(602) 555-0100", receiverName: "Clearhouse", receiverID: "CLEARHOUSE"),
                    by: principal, in: tx)
                let payer = try await Payers.create(name: "AHCCCS Complete Care", payerCode: "AZACC", by: nil, in: tx)
                var patients: [UUID] = []
                for n in 1...2 {
                    let patient = try await Patients.create(mrn: "X-\(n)", givenName: "Member", familyName: "Export \(n)", dateOfBirth: "1990-02-03", by: nil, in: tx)
                    _ = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "MX\(n)2345", priority: 1,
                                                   effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, effectiveTo: nil, by: nil, in: tx)
                    try await Patients.saveClaimFacts(PatientClaimFacts(sex: "F", addressLine1: "12 Palm Ln", city: "Tempe", stateCode: "AZ",
                                                                        postalCode: "85281", diagnosisCodes: ["F33.1"]),
                                                      patientID: patient.id, by: principal, in: tx)
                    patients.append(patient.id)
                }
                let session = try await GroupSessions.create(NewGroupSession(
                    facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2025, month: 3, day: 3)!,
                    startTime: "09:00", endTime: "10:00", patientIDs: patients), by: principal, in: tx)
                // The charges as the charge builder writes them (its own tests cover the build).
                for patient in patients {
                    try await tx.query("""
                        INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, payer_id, procedure_code,
                                                modifiers, units, unit_rate_cents, amount_cents, profile_source, group_session_id)
                        VALUES (\(tenant.organizationID), \(UUID()), \(patient), '2025-03-03', 'process_group', 60, '{}'::jsonb, \(payer.id),
                                'H0005', '{HQ}', 4, 1600, 6400, 'defaults', \(session))
                        """)
                }
                let built = try await Claims.create(scope: .groupSession(session), jurisdictions: JurisdictionResolver(logger: db.logger),
                                                    by: principal, in: tx)
                return built.claims.map(\.claim.id)
            }
            #expect(claimIDs.count == 2)
            let slug = try await db.ownerScalars("SELECT slug FROM pf_organizations WHERE id = \(tenant.organizationID)", as: String.self)[0]
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-\(UUID().uuidString).x12")
            defer { try? FileManager.default.removeItem(at: output) }
            let outcome = try await CommandRunner.run(["claims", "export", "--organization", slug, "--all-open", "--output", output.path],
                                                environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("Wrote 2 claims to \(output.path) (interchange 1)."))
            let file = try String(contentsOf: output, encoding: .utf8)
            #expect(file.hasPrefix("ISA*") && file.contains("ST*837*0001*005010X222A1") && file.contains("*000000001*"))
            let verdict = try await Pyx12Validator.validate(file)
            #expect(verdict.accepted, "pyx12: \(verdict.errors.joined(separator: "\n"))")
            let statuses = try await db.ownerScalars("SELECT status FROM pm_claims WHERE organization_id = \(tenant.organizationID)", as: String.self)
            #expect(statuses == ["exported", "exported"])
            // The file is the interchange the database recorded.
            #expect(try await db.ownerScalars("SELECT content FROM pm_edi_interchanges WHERE organization_id = \(tenant.organizationID)",
                                              as: String.self) == [file])
        }
    }
}
