import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// A one-participant session to mark.
struct MarkFixture {
    let tenant: TestTenant
    let principal: Principal
    let session: UUID
    let row: UUID

    static func make(_ db: TestDatabase, name: String) async throws -> MarkFixture {
        let tenant = try await TestTenant.create(name, permissions: [.groupSessionRead], database: db.database)
        let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .apiToken(id: UUID()), permissions: [])
        let (session, row) = try await db.database.withTenant(tenant.organizationID) { tx in
            let patient = try await Patients.create(mrn: "M-1", givenName: "A", familyName: "B", dateOfBirth: "1990-01-01", by: nil, in: tx)
            let session = try await GroupSessions.create(NewGroupSession(
                facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 1, day: 5)!,
                startTime: "09:00", endTime: "10:00", patientIDs: [patient.id]), by: principal, in: tx)
            let row = try #require(try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session)").first?.decode(UUID.self))
            return (session, row)
        }
        return MarkFixture(tenant: tenant, principal: principal, session: session, row: row)
    }

    func mark(_ db: TestDatabase, _ next: AttendanceStatus, version: Int?, correlationID: UUID = UUID()) async throws -> AttendanceMark {
        try await db.database.withTenant(tenant.organizationID, correlationID: correlationID) { tx in
            try await Attendance.mark(sessionID: session, rowID: row, to: next, expectedVersion: version, by: principal, in: tx)
        }
    }

    func markAudits(_ db: TestDatabase) async throws -> [String] {
        try await db.ownerScalars("""
            SELECT details::text FROM pf_audit_log WHERE action = 'attendance.marked' AND organization_id = \(tenant.organizationID) ORDER BY id
            """, as: String.self)
    }
}

@Suite("Marking attendance in one statement")
struct AttendanceMarkTests {
    @Test("a mark writes the audit entry with its actor, token, correlation id and before/after")
    func auditEntry() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Audit")
            let correlation = UUID()
            let mark = try await fixture.mark(db, .attended, version: 1, correlationID: correlation)
            #expect((mark.rowID, mark.status, mark.rowVersion) == (fixture.row, .attended, 2))
            let rows = try await db.ownerScalars("""
                SELECT concat_ws('|', actor_user_id, actor_token_id, entity_type, entity_id, reason, correlation_id,
                                 details = jsonb_build_object('before', 'SCHEDULED', 'after', 'ATTENDED', 'session_id', \(fixture.session.uuidString)))
                FROM pf_audit_log WHERE action = 'attendance.marked'
                """, as: String.self)
            let expected = [fixture.principal.userID!.uuidString.lowercased(), fixture.principal.tokenID!.uuidString.lowercased(), "group_attendance",
                            fixture.row.uuidString, correlation.uuidString.lowercased(), "t"].joined(separator: "|")
            #expect(rows == [expected])
            let updatedBy = try await db.ownerScalars("SELECT updated_by FROM cl_group_attendance WHERE id = \(fixture.row)", as: UUID.self)
            #expect(updatedBy == [fixture.tenant.userID])
        }
    }

    @Test("refusals (locked, stale, illegal, unknown row or session) change nothing and write no audit entry")
    func refusalsWriteNothing() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Refusals")
            _ = try await fixture.mark(db, .attended, version: 1)
            let cases: [(UUID, UUID, AttendanceStatus, Int?, String)] = [
                (fixture.session, fixture.row, .late, 1, "STALE_ROW"),
                (fixture.session, fixture.row, .attended, 2, "ILLEGAL_TRANSITION"),
                (fixture.session, UUID(), .late, nil, "NOT_FOUND"),
                (UUID(), fixture.row, .late, nil, "NOT_FOUND"),
            ]
            for (session, row, next, version, code) in cases {
                let refused = try await outcome {
                    try await db.database.withTenant(fixture.tenant.organizationID) { tx in
                        _ = try await Attendance.mark(sessionID: session, rowID: row, to: next, expectedVersion: version, by: fixture.principal, in: tx)
                    }
                }
                #expect(refused == code)
            }
            try await db.asOwner("UPDATE cl_group_sessions SET locked_at = now() WHERE id = \(fixture.session)")
            #expect(try await outcome { _ = try await fixture.mark(db, .late, version: 2) } == "LOCKED")
            let stored = try await db.ownerScalars("SELECT attendance_status || row_version FROM cl_group_attendance WHERE id = \(fixture.row)", as: String.self)
            #expect(stored == ["ATTENDED2"])
            #expect(try await fixture.markAudits(db).count == 1)
        }
    }

    /// Holds a first mark's transaction open, starts a second mark of the same row (which waits
    /// for the session lock), then commits the first and returns the second's outcome.
    /// The outcome is the refusal's code, or the new status and version.
    private func raceTwoMarks(_ db: TestDatabase, _ fixture: MarkFixture, second: AttendanceStatus, version: Int?) async throws -> String {
        let (commitFirst, release) = AsyncStream<Void>.makeStream()
        let (firstMarked, announce) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await db.database.withTenant(fixture.tenant.organizationID) { tx in
                _ = try await Attendance.mark(sessionID: fixture.session, rowID: fixture.row, to: .attended, expectedVersion: 1,
                                              by: fixture.principal, in: tx)
                announce.yield()
                for await _ in commitFirst { break }
            }
        }
        for await _ in firstMarked { break }
        let secondMark = Task { () -> String in
            do {
                let mark = try await fixture.mark(db, second, version: version)
                return "\(mark.status.rawValue) v\(mark.rowVersion)"
            } catch let error as DomainError {
                return error.code
            }
        }
        // Wait until the second mark is blocked on the session lock before the first commits.
        var waiting = 0
        for _ in 0..<200 where waiting == 0 {
            try await Task.sleep(for: .milliseconds(10))
            waiting = try await db.ownerScalars("""
                SELECT count(*)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database()
                """, as: Int.self).first ?? 0
        }
        #expect(waiting == 1, "the second mark should wait for the first's session lock")
        release.yield()
        try await first.value
        return try await secondMark.value
    }

    @Test("a mark that waited for another mark of the same row sees that mark: stale version, illegal move, or a legal move from it")
    func concurrentMarksOfOneRow() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            // The second mark sent version 1, which the first mark replaced.
            let stale = try await MarkFixture.make(db, name: "Stale race")
            #expect(try await raceTwoMarks(db, stale, second: .late, version: 1) == "STALE_ROW")
            #expect(try await stale.markAudits(db).count == 1)

            // No version sent: ATTENDED → ATTENDED is no move.
            let illegal = try await MarkFixture.make(db, name: "Illegal race")
            #expect(try await raceTwoMarks(db, illegal, second: .attended, version: nil) == "ILLEGAL_TRANSITION")

            // No version sent: ATTENDED → LATE is legal, and the audit entry says it replaced ATTENDED.
            let legal = try await MarkFixture.make(db, name: "Legal race")
            #expect(try await raceTwoMarks(db, legal, second: .late, version: nil) == "LATE v3")
            let audits = try await legal.markAudits(db).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
            #expect(audits.map { $0?["before"] } == ["SCHEDULED", "ATTENDED"])
            #expect(audits.map { $0?["after"] } == ["ATTENDED", "LATE"])
        }
    }
}

/// The refusal's code, or "ok" when `body` succeeded.
private func outcome(_ body: () async throws -> Void) async throws -> String {
    do {
        try await body()
        return "ok"
    } catch let error as DomainError {
        return error.code
    }
}
