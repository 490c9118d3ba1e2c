import CareLedgerApp
import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The workflows that span cores, called as the adapters call them: a forced correction changes
/// Clinical's row, rebuilds PracticeManagement's charges and corrects its claims in one
/// transaction; building claims locks the sessions they bill.
@Suite("Cross-core workflows: claim building and forced correction")
struct ForcedCorrectionWorkflowTests {
    static let reason = "Left before the group began"

    @Test("building a session's claims locks it; a forced correction voids the member's charge and claim, and the rest stay")
    func correctionAfterClaims() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let fixture = try await WorkflowFixture.make(db)
            try await fixture.markFinalizeAndBill([.attended, .attended, .late, .attended, .absent, .absent])
            #expect(try await fixture.charges().filter { $0.status == "active" }.count == 4)

            let built = try await ClaimBuilding.build(.groupSession(fixture.sessionID), principal: fixture.principal,
                                                      database: db.database, jurisdictions: fixture.services.jurisdictions)
            #expect(built.claims.count == 4, "one claim per member and payer")
            #expect(built.groupSessionIDs == [fixture.sessionID])
            let locked = try await db.ownerScalars("SELECT locked_at IS NOT NULL FROM cl_group_sessions WHERE id = \(fixture.sessionID)", as: Bool.self)
            #expect(locked == [true])

            let (session, principal, services) = (fixture.sessionID, fixture.principal, fixture.services)
            let row = try await fixture.rowIDs()[0]
            let change = try await fixture.tx { tx in
                try await GroupSessionWorkflow.forceMark(sessionID: session, rowID: row, to: .absent, expectedVersion: nil, reason: Self.reason,
                                                         by: principal, bus: services.bus, jurisdictions: services.jurisdictions, in: tx)
            }
            #expect(change.after == .absent)
            let charges = try await fixture.charges()
            #expect(charges.filter { $0.status == "active" }.count == 3)
            let voided = charges.filter { $0.status == "void" }
            #expect(voided.map(\.patient) == [fixture.patients[0]], "charges: \(charges), patients: \(fixture.patients)")
            #expect(voided.first?.voidReason?.contains(Self.reason) == true)
            let claims = try await db.ownerScalars("""
                SELECT frequency_code || ':' || status FROM pm_claims WHERE patient_id = \(fixture.patients[0]) ORDER BY frequency_code
                """, as: String.self)
            #expect(claims == ["1:corrected", "8:open"])
            let untouched = try await db.ownerScalars("""
                SELECT count(*)::int FROM pm_claims WHERE patient_id <> \(fixture.patients[0]) AND status = 'open' AND frequency_code = '1'
                """, as: Int.self)
            #expect(untouched == [3])
            // The dispatcher later sees the forced revision as already applied.
            _ = try await fixture.dispatcher.drainOnce()
            #expect(try await fixture.charges().filter { $0.status == "active" }.count == 3)
        }
    }

    @Test("a forced correction without the force scope changes nothing")
    func withoutScope() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let fixture = try await WorkflowFixture.make(db, permissions: [.claimsManage])
            try await fixture.markFinalizeAndBill([.attended, .attended, .late, .attended, .absent, .absent])
            let before = try await fixture.charges().map(\.status)
            let (session, principal, services) = (fixture.sessionID, fixture.principal, fixture.services)
            let row = try await fixture.rowIDs()[0]
            await #expect(throws: DomainError.self) {
                _ = try await fixture.tx { tx in
                    try await GroupSessionWorkflow.forceMark(sessionID: session, rowID: row, to: .absent, expectedVersion: nil, reason: Self.reason,
                                                             by: principal, bus: services.bus, jurisdictions: services.jurisdictions, in: tx)
                }
            }
            #expect(try await fixture.charges().map(\.status) == before)
            let status = try await db.ownerScalars("SELECT attendance_status FROM cl_group_attendance WHERE id = \(row)", as: String.self)
            #expect(status == ["ATTENDED"])
        }
    }

    @Test("a claim build that fails part-way leaves the session unlocked and no claim; the next build locks it")
    func failedBuildLocksNothing() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let fixture = try await WorkflowFixture.make(db)
            try await fixture.markFinalizeAndBill([.attended, .attended, .late, .attended, .absent, .absent])
            // The session's lock is taken first; the claims' insert then fails.
            try await db.asOwner("""
                CREATE FUNCTION test_refuse_claims() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$
                """)
            try await db.asOwner("CREATE TRIGGER test_refuse_claims BEFORE INSERT ON pm_claims FOR EACH ROW EXECUTE FUNCTION test_refuse_claims()")
            let (session, principal, jurisdictions) = (fixture.sessionID, fixture.principal, fixture.services.jurisdictions)
            await #expect(throws: (any Error).self) {
                _ = try await ClaimBuilding.build(.groupSession(session), principal: principal, database: db.database, jurisdictions: jurisdictions)
            }
            func state() async throws -> [String] {
                try await db.ownerScalars("""
                    SELECT 'locked:' || (locked_at IS NOT NULL)::text FROM cl_group_sessions WHERE id = \(session)
                    UNION ALL SELECT 'claims:' || count(*) FROM pm_claims
                    """, as: String.self)
            }
            #expect(try await state() == ["locked:false", "claims:0"])
            try await db.asOwner("DROP TRIGGER test_refuse_claims ON pm_claims")
            _ = try await ClaimBuilding.build(.groupSession(session), principal: principal, database: db.database, jurisdictions: jurisdictions)
            #expect(try await state() == ["locked:true", "claims:4"])
        }
    }
}
