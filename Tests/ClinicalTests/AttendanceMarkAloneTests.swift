import Clinical
import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import PracticeManagement
import Testing

@Suite("A mark as a transaction of its own (one round trip)")
struct AttendanceMarkAloneTests {
    private func stored(_ db: TestDatabase, _ fixture: MarkFixture) async throws -> [String] {
        try await db.ownerScalars("SELECT attendance_status || row_version FROM cl_group_attendance WHERE id = \(fixture.row)", as: String.self)
    }

    private func mondayMinutes(_ db: TestDatabase) async throws -> [Int] {
        try await db.ownerScalars("SELECT monday_minutes FROM cl_patient_attendance_weeks", as: Int.self)
    }

    @Test("it moves the row, audits it as the transactional mark does, keeps the weekly rollup, and returns the row and statuses as the mark left them")
    func marksAndReads() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Alone")
            let correlation = UUID()
            let reply = try #require(try await Attendance.markAlone(sessionID: fixture.session, rowID: fixture.row, to: .attended, expectedVersion: 1,
                                                                   by: fixture.principal, correlationID: correlation, database: db.database))
            // The reply agrees with the read model, read in a transaction afterwards.
            let read = try #require(try await db.database.withTenant(fixture.tenant.organizationID) { tx in
                try await GroupSessionReadModel.load(sessionID: fixture.session, in: tx)
            })
            #expect(read.rows == [reply.row])
            #expect("\(reply.row.id) \(reply.row.status.rawValue) v\(reply.row.rowVersion)" == "\(fixture.row) ATTENDED v2")
            #expect(reply.participants == read.participants)
            #expect((reply.siteID, reply.durationMinutes) == (read.facility.siteID, read.header.durationMinutes))
            // Sent without a version, the payer is read (none here: the patient has no coverage).
            #expect(reply.payer == .read(read.payer))
            #expect(try await stored(db, fixture) == ["ATTENDED2"])

            let audit = try await db.ownerScalars("""
                SELECT concat_ws('|', actor_user_id, actor_token_id, entity_type, entity_id, correlation_id,
                                 details = jsonb_build_object('before', 'SCHEDULED', 'after', 'ATTENDED', 'session_id', \(fixture.session.uuidString)))
                FROM pf_audit_log WHERE action = 'attendance.marked'
                """, as: String.self)
            let expected = [fixture.principal.userID!.uuidString.lowercased(), fixture.principal.tokenID!.uuidString.lowercased(), "group_attendance",
                            fixture.row.uuidString, correlation.uuidString.lowercased(), "t"].joined(separator: "|")
            #expect(audit == [expected])
            // 09:00–10:00 on Monday 5 January 2026.
            #expect(try await mondayMinutes(db) == [60])
        }
    }

    @Test("a supervisor's row comes back with the supervisor's name, a participant's with the patient's, as the read model has them")
    func namesOfEitherRow() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Alone names", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .apiToken(id: UUID()), permissions: [])
            let (session, participantRow, supervisorRow) = try await db.database.withTenant(tenant.organizationID) { tx in
                let patient = try await Patients.create(mrn: "N-1", givenName: "Ada", familyName: "Named", dateOfBirth: "1990-01-01", by: nil, in: tx)
                _ = try await StaffAssignments.assign(providerUserID: tenant.userID, patientID: patient.id, role: "SUPERVISING", by: nil, in: tx)
                let session = try await GroupSessions.create(NewGroupSession(
                    facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 1, day: 5)!,
                    startTime: "09:00", endTime: "10:00", patientIDs: [patient.id]), by: principal, in: tx)
                let rows = try await tx.rows("SELECT id, patient_id IS NOT NULL FROM cl_group_attendance WHERE session_id = \(session)")
                    .map { try $0.decode((UUID, Bool).self) }
                let participant = try #require(rows.first { $0.1 }?.0)
                let supervisor = try #require(rows.first { !$0.1 }?.0)
                return (session, participant, supervisor)
            }
            var names: [String?] = []
            for row in [participantRow, supervisorRow] {
                let reply = try #require(try await Attendance.markAlone(sessionID: session, rowID: row, to: .attended, expectedVersion: 1,
                                                                       by: principal, database: db.database))
                let read = try #require(try await db.database.withTenant(tenant.organizationID) { tx in
                    try await GroupSessionReadModel.load(sessionID: session, in: tx)
                })
                #expect(read.rows.filter { $0.id == row } == [reply.row])
                names.append(reply.row.displayName)
            }
            #expect(names == ["Ada Named", "Alone names staff"])
        }
    }

    @Test("a refused, stale, locked, documented or other tenant's mark changes nothing and returns nothing; the transactional mark then says why or goes through")
    func refusalsReturnNothing() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Alone refusals")
            func alone(_ session: UUID, _ row: UUID, _ next: AttendanceStatus, _ version: Int?, as principal: Principal? = nil) async throws -> Bool {
                try await Attendance.markAlone(sessionID: session, rowID: row, to: next, expectedVersion: version, by: principal ?? fixture.principal,
                                               database: db.database) != nil
            }
            #expect(try await alone(fixture.session, fixture.row, .attended, 1))
            let stranger = try await TestTenant.create("Alone stranger", permissions: [.groupSessionRead], database: db.database)
            let strangerPrincipal = Principal(organizationID: stranger.organizationID, userID: stranger.userID, credential: .apiToken(id: UUID()),
                                              permissions: [])
            #expect(try await alone(fixture.session, fixture.row, .late, 1) == false, "stale version")
            #expect(try await alone(fixture.session, fixture.row, .attended, 2) == false, "no move")
            #expect(try await alone(fixture.session, UUID(), .late, nil) == false, "unknown row")
            #expect(try await alone(UUID(), fixture.row, .late, nil) == false, "unknown session")
            #expect(try await alone(fixture.session, fixture.row, .late, 2, as: strangerPrincipal) == false, "another organization's session")

            try await db.asOwner("UPDATE cl_group_sessions SET documented_at = now() WHERE id = \(fixture.session)")
            #expect(try await alone(fixture.session, fixture.row, .late, 2) == false, "documented: the event must be published with the mark")
            #expect(try await stored(db, fixture) == ["ATTENDED2"])
            #expect(try await fixture.markAudits(db).count == 1)
            #expect(try await mondayMinutes(db) == [60])
            // The transactional path takes the documented session's mark and says it was documented.
            let mark = try await fixture.mark(db, .late, version: 2)
            #expect((mark.status, mark.rowVersion, mark.sessionDocumented) == (.late, 3, true))

            try await db.asOwner("UPDATE cl_group_sessions SET documented_at = NULL, locked_at = now() WHERE id = \(fixture.session)")
            #expect(try await alone(fixture.session, fixture.row, .absent, 3) == false, "locked")
            #expect(try await stored(db, fixture) == ["LATE3"])
            #expect(try await fixture.markAudits(db).count == 2)
        }
    }

    @Test("a failure inside the statement undoes all of it: the row, the rollup and the audit entry stay as they were")
    func failureUndoesEverything() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Alone failure")
            // The audit entry is the statement's last write; refusing it must take the row and the rollup back too.
            try await db.asOwner("ALTER TABLE pf_audit_log ADD CONSTRAINT refuse_marks CHECK (action <> 'attendance.marked') NOT VALID")
            await #expect(throws: DomainError.self) {
                _ = try await Attendance.markAlone(sessionID: fixture.session, rowID: fixture.row, to: .attended, expectedVersion: 1,
                                                   by: fixture.principal, database: db.database)
            }
            #expect(try await stored(db, fixture) == ["SCHEDULED1"])
            #expect(try await mondayMinutes(db) == [0])
            #expect(try await fixture.markAudits(db).isEmpty)
        }
    }

    @Test("the tenant it names ends with the statement: the connection carries no organization afterwards")
    func tenantEndsWithStatement() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let fixture = try await MarkFixture.make(db, name: "Alone tenant")
            let (lines, setting, visibleRows) = try await db.database.withConnection { connection in
                let lines = try await connection.query("""
                    SELECT count(*)::int FROM cl_mark_attendance_reply(\(fixture.tenant.organizationID), \(UUID()), \(fixture.session), \(fixture.row),
                        'ATTENDED', \(fixture.tenant.userID), NULL, ARRAY['SCHEDULED', 'LATE', 'ABSENT'], NULL, NULL)
                    """, logger: db.database.logger).collect().first?.decode(Int.self)
                let setting = try await connection.query("SELECT coalesce(current_setting('app.organization_id', true), '')",
                                                         logger: db.database.logger).collect().first?.decode(String.self)
                let visible = try await connection.query("SELECT count(*)::int FROM cl_group_attendance", logger: db.database.logger)
                    .collect().first?.decode(Int.self)
                return (lines, setting, visible)
            }
            #expect(lines == 1)
            #expect(setting == "")
            #expect(visibleRows == 0, "without a tenant, row-level security shows no attendance")
            #expect(try await stored(db, fixture) == ["ATTENDED2"])
        }
    }
}
