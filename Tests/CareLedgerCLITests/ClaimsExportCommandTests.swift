import CareLedgerHTTP
import Foundation
import Platform
import PlatformTesting
import Testing

@Suite("Claims export command")
struct ClaimsExportCommandTests {
    @Test("claims export asks which claims before touching a database, and refuses a malformed claim id")
    func refusesBadOptions() throws {
        let none = try CommandRunner.run(["claims", "export", "--output", "/tmp/never.x12"], environment: [:])
        #expect(none.status != 0)
        #expect(none.stderr.contains("Name claims with --claim ID, or pass --all-open."))
        let malformed = try CommandRunner.run(["claims", "export", "--claim", "CL-1", "--output", "/tmp/never.x12"], environment: [:])
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("CL-1 is not a claim id"))
    }

    @Test("claims export --all-open with nothing open says so and writes no file")
    func nothingOpen() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("Exporter", permissions: [.claimsManage], database: db.database)
            let slug = try await db.ownerScalars("SELECT slug FROM pf_organizations WHERE id = \(tenant.organizationID)", as: String.self)[0]
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-\(UUID().uuidString).x12")
            let outcome = try CommandRunner.run(["claims", "export", "--organization", slug, "--all-open", "--output", output.path],
                                                environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("No open claims to export; nothing written."))
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }
}
