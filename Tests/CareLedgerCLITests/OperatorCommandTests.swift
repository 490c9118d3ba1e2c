import CareLedgerApp
import Foundation
import Platform
import PlatformTesting
import Testing

/// The operator commands, run as the built executable against a throwaway database.
@Suite("Operator commands")
struct OperatorCommandTests {
    @Test("migrate applies every migration to an empty database, then reports it up to date")
    func migrate() async throws {
        try await TestDatabase.with(migrations: []) { db in
            let url = try await db.ownerURL()
            let first = try await CommandRunner.run(["migrate"], environment: ["DATABASE_URL": url])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Applied migrations"))
            let expected = try CareLedgerSchema.migrations().map(\.version)
            let applied = try await db.ownerScalars("SELECT version FROM pf_schema_migrations ORDER BY version", as: Int.self)
            #expect(applied == expected)
            let second = try await CommandRunner.run(["migrate"], environment: ["DATABASE_URL": url])
            #expect(second.status == 0)
            #expect(second.stdout.contains("up to date"))
        }
    }

    @Test("token create prints a secret once, which then authenticates with exactly its scopes")
    func tokenCreate() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            _ = try await Organizations.create(name: "Desert Bloom", slug: "desert-bloom", database: db.database)
            let result = try await CommandRunner.run(
                ["token", "create", "--organization", "desert-bloom", "--name", "feed", "--scope", "pm.patients.read", "--days", "7"],
                environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(result.status == 0, "\(result.stderr)")
            let secret = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.hasPrefix("clt_"))
            #expect(result.stderr.contains("shown only now"))
            let principal = try #require(try await ApiTokens.authenticate(secret, database: db.database))
            #expect(principal.permissions == [.patientsRead])
        }
    }

    @Test("token list shows ids and status without secrets; token revoke stops the token; a second revoke is refused")
    func tokenListAndRevoke() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            _ = try await Organizations.create(name: "Desert Bloom", slug: "desert-bloom", database: db.database)
            let environment = ["DATABASE_URL": try await db.ownerURL()]
            let created = try await CommandRunner.run(["token", "create", "--organization", "desert-bloom", "--name", "feed", "--scope", "pm.patients.read"],
                                                environment: environment)
            let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let id = try #require(try await db.ownerScalars("SELECT id FROM pf_api_tokens", as: UUID.self).first)
            let listed = try await CommandRunner.run(["token", "list", "--organization", "desert-bloom"], environment: environment)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("\(id.uuidString.lowercased())\tactive"))
            #expect(!listed.stdout.contains(secret))
            let revoked = try await CommandRunner.run(["token", "revoke", "--organization", "desert-bloom", id.uuidString], environment: environment)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(try await ApiTokens.authenticate(secret, database: db.database) == nil)
            #expect(try await db.ownerScalars("""
                SELECT actor_user_id IS NULL FROM pf_audit_log WHERE action = 'api-token.revoked' AND entity_id = \(id.uuidString)
                """, as: Bool.self) == [true], "the operator's revocation is audited, as the system")
            #expect(try await CommandRunner.run(["token", "list", "--organization", "desert-bloom"], environment: environment).stdout.contains("\trevoked\t"))
            let again = try await CommandRunner.run(["token", "revoke", "--organization", "desert-bloom", id.uuidString], environment: environment)
            #expect(again.status != 0)
            #expect(again.stderr.contains("already revoked"), "stderr was: \(again.stderr)")
        }
    }

    @Test("mistakes get one readable line and a non-zero exit, and write nothing",
          arguments: [
              (["token", "create", "--organization", "nobody", "--name", "x", "--scope", "pm.patients.read"], "No organization has the slug nobody"),
              (["token", "create", "--organization", "desert-bloom", "--name", "x", "--scope", "no.such.key"], "Unknown permission key no.such.key"),
              (["token", "create", "--organization", "desert-bloom", "--name", "x"], "at least one --scope"),
              (["events", "replay", "not-a-uuid"], "is not an event id"),
          ])
    func readableFailures(arguments: [String], message: String) async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            _ = try await Organizations.create(name: "Desert Bloom", slug: "desert-bloom", database: db.database)
            let result = try await CommandRunner.run(arguments, environment: ["DATABASE_URL": try await db.ownerURL()])
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_api_tokens", as: Int.self) == [0])
        }
    }

    @Test("a malformed DATABASE_URL is named, not crashed on")
    func malformedURL() async throws {
        let result = try await CommandRunner.run(["migrate"], environment: ["DATABASE_URL": "mysql://somewhere"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("DATABASE_URL is not a PostgreSQL URL"))
    }

    @Test("events dead lists dead-lettered deliveries and replay puts one back in the queue")
    func deadLetters() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let url = try await db.ownerURL()
            let empty = try await CommandRunner.run(["events", "dead"], environment: ["DATABASE_URL": url])
            #expect(empty.status == 0)
            #expect(empty.stdout.contains("No dead-lettered deliveries."))

            let org = try await Organizations.create(name: "Events", slug: "events-org", database: db.database)
            let eventID = UUID()
            try await db.asOwner("""
                INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, correlation_id, payload)
                VALUES (\(org), \(eventID), 'test.happened', 1, 'pf_events', \(UUID()), '{}'::jsonb)
                """)
            try await db.asOwner("""
                INSERT INTO pf_event_deliveries (organization_id, id, subscriber, event_ids, status, attempts, last_error)
                VALUES (\(org), \(UUID()), 'test-consumer', ARRAY[\(eventID)]::uuid[], 'dead', 3, 'boom')
                """)
            let listed = try await CommandRunner.run(["events", "dead"], environment: ["DATABASE_URL": url])
            #expect(listed.stdout.contains(eventID.uuidString.lowercased()))
            #expect(listed.stdout.contains("test-consumer"))
            let replayed = try await CommandRunner.run(["events", "replay", eventID.uuidString], environment: ["DATABASE_URL": url])
            #expect(replayed.status == 0, "\(replayed.stderr)")
            let statuses = try await db.ownerScalars("SELECT status FROM pf_event_deliveries WHERE \(eventID) = ANY(event_ids)", as: String.self)
            #expect(statuses == ["pending"])
            let again = try await CommandRunner.run(["events", "replay", eventID.uuidString], environment: ["DATABASE_URL": url])
            #expect(again.status != 0)
            #expect(again.stderr.contains("has no dead-lettered delivery"))
        }
    }
}

@Suite("Schedule import command")
struct ImportCommandTests {
    @Test("import schedule reads a CSV file, is idempotent, and refuses a bad file whole with the line named")
    func importSchedule() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let tenant = try await TestTenant.create("Feed", permissions: [.scheduleManage], database: db.database)
            let slug = try #require(try await db.ownerScalars("SELECT slug FROM pf_organizations", as: String.self).first)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-feed-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let good = folder.appendingPathComponent("feed.csv")
            try """
            external_id,group_name,group_type,facility,session_date,start_time,end_time
            c-1,Morning,process_group,\(tenant.facility.name),2026-06-01,09:00,10:00
            """.write(to: good, atomically: true, encoding: .utf8)
            let url = try await db.ownerURL()
            let first = try await CommandRunner.run(["import", "schedule", "--organization", slug, good.path], environment: ["DATABASE_URL": url])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("1 created, 0 updated, 0 unchanged"))
            let second = try await CommandRunner.run(["import", "schedule", "--organization", slug, good.path], environment: ["DATABASE_URL": url])
            #expect(second.stdout.contains("0 created, 0 updated, 1 unchanged"))

            let bad = folder.appendingPathComponent("bad.csv")
            try """
            external_id,group_name,group_type,facility,session_date,start_time,end_time
            c-2,Noon,process_group,\(tenant.facility.name),2026-06-02,12:00,13:00
            c-3,Late,process_group,\(tenant.facility.name),2026-06-02,25:00,26:00
            """.write(to: bad, atomically: true, encoding: .utf8)
            let refused = try await CommandRunner.run(["import", "schedule", "--organization", slug, bad.path], environment: ["DATABASE_URL": url])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("line 3: start_time"), "\(refused.stderr)")
            #expect(try await db.ownerScalars("SELECT external_id FROM pm_group_schedule", as: String.self) == ["c-1"])
        }
    }
}
