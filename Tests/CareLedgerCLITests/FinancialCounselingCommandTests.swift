import CareLedgerApp
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// `careledger fpl import` and `careledger statements run`, run as an operator runs them.
@Suite("Financial counseling commands")
struct FinancialCounselingCommandTests {
    @Test("fpl import adds a year from a file, and refuses the same year again without writing anything")
    func fplImport() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("FPL import", permissions: [.financialCounselingView], database: db.database)
            let slug = try await db.ownerScalars("SELECT slug FROM pf_organizations WHERE id = \(tenant.organizationID)", as: String.self)[0]
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("fpl-\(UUID().uuidString).json")
            try Data("""
                {"year": 2027, "effective_from": "2027-01-12", "source": "test",
                 "regions": {"contiguous": {"first_person_cents": 1630000, "additional_person_cents": 580000},
                             "alaska": {"first_person_cents": 2040000, "additional_person_cents": 725000},
                             "hawaii": {"first_person_cents": 1875000, "additional_person_cents": 667000}}}
                """.utf8).write(to: file)
            let environment = ["DATABASE_URL": try await db.ownerURL()]
            let first = try await CommandRunner.run(["fpl", "import", "--organization", slug, file.path], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Added the 2027 poverty guidelines, effective 2027-01-12: contiguous, alaska, hawaii."))
            let again = try await CommandRunner.run(["fpl", "import", "--organization", slug, file.path], environment: environment)
            #expect(again.status != 0)
            #expect(again.stderr.contains("already stored"))
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_poverty_guidelines WHERE year = 2027", as: Int.self) == [3])
        }
    }

    @Test("statements run prints one line per patient with a balance and the total")
    func statementsRun() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("Statements", permissions: [.financialCounselingView], database: db.database)
            let slug = try await db.ownerScalars("SELECT slug FROM pf_organizations WHERE id = \(tenant.organizationID)", as: String.self)[0]
            let (owing, settled) = try await db.database.withTenant(tenant.organizationID) { tx in
                (try await Patients.create(mrn: "S-1", givenName: "A", familyName: "B", dateOfBirth: "1990-02-03", by: nil, in: tx).id,
                 try await Patients.create(mrn: "S-2", givenName: "C", familyName: "D", dateOfBirth: "1990-02-03", by: nil, in: tx).id)
            }
            for patient in [owing, settled] {
                try await db.asOwner("""
                    INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, procedure_code, modifiers, units,
                                            unit_rate_cents, amount_cents, profile_source)
                    VALUES (\(tenant.organizationID), \(UUID()), \(patient), '2026-03-05', 'individual_counseling', 50, '{}'::jsonb, '90834', '{}', 1, 12000, 12000, 'defaults')
                    """)
            }
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await PatientPayments.record(patientID: settled, receivedOn: ServiceDate("2026-03-10")!, amountCents: 12_000, method: .cash, by: nil, in: tx)
            }
            let outcome = try await CommandRunner.run(["statements", "run", "--organization", slug, "--from", "2026-03-01", "--to", "2026-03-31"],
                                                environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("\(owing.uuidString.lowercased())  tier -  charity no  balance 12000"))
            #expect(!outcome.stdout.contains(settled.uuidString.lowercased()))
            #expect(outcome.stdout.contains("1 statement for 2026-03-01 to 2026-03-31; total due 12000 cents."))
        }
    }
}
