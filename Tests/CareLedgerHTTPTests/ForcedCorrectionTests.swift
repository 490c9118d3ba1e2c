import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// Forced corrections of locked sessions: the scope, the reason, the void-and-rebuild, the audit,
/// and all-or-nothing when a step fails.
@Suite("Forced attendance corrections on locked sessions")
struct ForcedCorrectionTests {
    /// A finalized, billed session (4 members charged) that is then locked.
    static func lockedSession(_ client: some TestClientProtocol, db: TestDatabase, dependencies: AppDependencies,
                              force: Bool) async throws -> GroupChargeBuildTests.Billed {
        let billed = try await GroupChargeBuildTests.Billed.make(client, db: db, dependencies: dependencies,
                                                                 extraPermissions: force ? [.attendanceWriteForce] : [])
        try await billed.markAndFinalize(client, ["ATTENDED", "ATTENDED", "LATE", "ATTENDED", "ABSENT", "ABSENT"])
        #expect(try await billed.charges(client).active.count == 4)
        try await db.asOwner("UPDATE cl_group_sessions SET locked_at = now() WHERE id = \(UUID(uuidString: billed.group.sessionID)!)")
        return billed
    }

    static func force(_ client: some TestClientProtocol, _ billed: GroupChargeBuildTests.Billed, row: [String: Any], _ status: String,
                      reason: String?) async throws -> TestResponse {
        let reasonPart = reason.map { #","reason":"\#($0)""# } ?? ""
        return try await client.call(.post, "/api/v1/group-sessions/\(billed.group.sessionID)/attendance/\(row["id"] as? String ?? "")",
                                     as: billed.group.tenant, json: #"{"status":"\#(status)","force":true\#(reasonPart)}"#)
    }

    @Test("a locked session refuses plain marks with LOCKED, and force without the scope with 403; nothing changes")
    func refusals() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Self.lockedSession(client, db: db, dependencies: dependencies, force: false)
            let row = try await billed.group.rows(client)[0]
            let plain = try await billed.group.mark(client, row: row, "ABSENT")
            #expect(plain.status == .conflict)
            #expect(plain.errorBody?.code == "LOCKED")
            let forced = try await Self.force(client, billed, row: row, "ABSENT", reason: "Left before the group began")
            #expect(forced.status == .forbidden)
            #expect(try await billed.group.rows(client)[0]["status"] as? String == "ATTENDED")
            #expect(try await billed.charges(client).active.count == 4)
        }
    }

    @Test("force with the scope and a reason changes the row, voids the member's charge, rebuilds, and audits before and after")
    func forcedCorrection() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Self.lockedSession(client, db: db, dependencies: dependencies, force: true)
            let row = try await billed.group.rows(client)[0]
            let noReason = try await Self.force(client, billed, row: row, "ABSENT", reason: nil)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.errorBody?.field == "reason")

            let forced = try await Self.force(client, billed, row: row, "ABSENT", reason: "Left before the group began")
            #expect(forced.status == .ok)
            #expect(try await billed.group.rows(client)[0]["status"] as? String == "ABSENT")
            // Rebuilt in the same request: no dispatcher run needed.
            let body = try #require(try await client.call(.get, "/api/v1/group-sessions/\(billed.group.sessionID)/charges", as: billed.group.tenant)
                .json as? [String: Any])
            let charges = try #require(body["charges"] as? [[String: Any]])
            let voided = charges.filter { $0["status"] as? String == "void" }
            #expect(charges.filter { $0["status"] as? String == "active" }.count == 3)
            #expect(voided.map { $0["patient_id"] as? String } == [row["patient_id"] as? String])
            #expect((voided.first?["void_reason"] as? String)?.contains("Left before the group began") == true)
            let audit = try await db.ownerScalars("""
                SELECT reason || '|' || (details->>'before') || '|' || (details->>'after') || '|' || (actor_user_id IS NOT NULL)::text
                FROM pf_audit_log WHERE action = 'attendance.force-updated'
                """, as: String.self)
            #expect(audit == ["Left before the group began|ATTENDED|ABSENT|true"])
            // The dispatcher later delivers the forced revision; it is already applied, so nothing changes twice.
            _ = try await billed.dispatcher.drainOnce()
            #expect(try await billed.charges(client).active.count == 3)
        }
    }

    @Test("a failure part-way through a forced correction leaves the row, the charges, the audit log and the outbox as they were")
    func injectedFailure() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Self.lockedSession(client, db: db, dependencies: dependencies, force: true)
            _ = try await billed.dispatcher.drainOnce()
            func snapshot() async throws -> [String] {
                try await db.ownerScalars("""
                    SELECT 'row:' || string_agg(attendance_status || row_version, ',' ORDER BY id) FROM cl_group_attendance
                    UNION ALL SELECT 'charges:' || string_agg(id::text || status, ',' ORDER BY id) FROM pm_charges
                    UNION ALL SELECT 'audit:' || count(*) FROM pf_audit_log
                    UNION ALL SELECT 'events:' || count(*) FROM pf_event_outbox
                    UNION ALL SELECT 'builds:' || string_agg(revision::text, ',') FROM pm_group_charge_builds
                    """, as: String.self)
            }
            let before = try await snapshot()
            // The injected failure: voiding a charge fails, after the row was changed and audited.
            try await db.asOwner("""
                CREATE FUNCTION test_refuse_void() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$
                """)
            try await db.asOwner("CREATE TRIGGER test_refuse_void BEFORE UPDATE ON pm_charges FOR EACH ROW EXECUTE FUNCTION test_refuse_void()")
            let row = try await billed.group.rows(client)[0]
            let failed = try await Self.force(client, billed, row: row, "ABSENT", reason: "Left before the group began")
            #expect(failed.status == .internalServerError)
            #expect(try await snapshot() == before)
            try await db.asOwner("DROP TRIGGER test_refuse_void ON pm_charges")
            #expect(try await Self.force(client, billed, row: row, "ABSENT", reason: "Left before the group began").status == .ok)
            #expect(try await snapshot() != before)
        }
    }

    @Test("creating a claim locks the session; a forced correction voids the member's claim with an 8 and claims a newly billable member")
    func claimedSessionCorrection() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await GroupChargeBuildTests.Billed.make(client, db: db, dependencies: dependencies,
                                                                     extraPermissions: [.attendanceWriteForce, .claimsManage, .claimsRead])
            try await billed.markAndFinalize(client, ["ATTENDED", "ATTENDED", "LATE", "ATTENDED", "ABSENT", "ABSENT"])
            #expect(try await billed.charges(client).active.count == 4)
            let created = try await client.call(.post, "/api/v1/claims", as: billed.group.tenant, json: #"{"session_id":"\#(billed.group.sessionID)"}"#)
            #expect(created.status == .created)
            let claims = try #require((created.json as? [String: Any])?["claims"] as? [[String: Any]])
            #expect(claims.count == 4, "one claim per member and payer")
            let roster = try await billed.group.rows(client)
            let locked = try await billed.group.mark(client, row: roster[0], "ABSENT")
            #expect(locked.errorBody?.code == "LOCKED")

            // Member 0 did not attend after all: their claim is voided (8), referencing the original.
            #expect(try await Self.force(client, billed, row: roster[0], "ABSENT", reason: "Left before the group began").status == .ok)
            func allClaims() async throws -> [[String: Any]] {
                try #require(try await client.call(.get, "/api/v1/claims?limit=100", as: billed.group.tenant).json as? [[String: Any]])
            }
            let member0 = roster[0]["patient_id"] as? String
            var mine = try await allClaims().filter { $0["patient_id"] as? String == member0 }
            let original = try #require(mine.first { $0["frequency_code"] as? String == "1" })
            #expect(original["status"] as? String == "corrected")
            let void = try #require(mine.first { $0["frequency_code"] as? String == "8" })
            #expect(void["original_claim_number"] as? String == original["claim_number"] as? String)
            #expect(try await allClaims().filter { $0["status"] as? String == "open" && $0["frequency_code"] as? String == "1" }.count == 3,
                    "the other members' claims are untouched: their charges did not change")

            // Member 4 was there after all: a new charge, claimed as an original.
            let member4 = roster[4]["patient_id"] as? String
            #expect(try await Self.force(client, billed, row: roster[4], "ATTENDED", reason: "Signed in late on paper").status == .ok)
            mine = try await allClaims().filter { $0["patient_id"] as? String == member4 }
            #expect(mine.map { $0["frequency_code"] as? String } == ["1"])
            #expect(try await billed.charges(client).active.count == 4)
        }
    }
}
