import Clinical
import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import PracticeManagement
import Testing

/// The end-time job: a session whose end time has passed is documented once, by whichever
/// server gets there first, and one organization's failure does not stop the others.
@Suite("Documenting group sessions at their end time")
struct DocumentedAtEndTimeTests {
    static func migrations() throws -> [Migration] {
        try PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations()
    }

    /// A session today 09:00–10:00 in Phoenix with `members` patients, the first `attended` of them marked ATTENDED.
    static func todaysSession(_ db: TestDatabase, name: String, members: Int = 3, attended: Int = 0) async throws -> (TestTenant, UUID) {
        let tenant = try await TestTenant.create(name, permissions: [.groupSessionManage], database: db.database)
        let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
        let session = try await db.database.withTenant(tenant.organizationID) { tx in
            var patients: [UUID] = []
            for index in 0..<members {
                patients.append(try await Patients.create(mrn: "\(name)-\(index)", givenName: "Member", familyName: "\(index)",
                                                          dateOfBirth: "1990-01-01", by: nil, in: tx).id)
            }
            let today = ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!)
            let session = try await GroupSessions.create(NewGroupSession(
                facilityID: tenant.facility.id, groupType: "process_group", sessionDate: today, startTime: "09:00", endTime: "10:00",
                patientIDs: patients), by: principal, in: tx)
            let rows = try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id IS NOT NULL ORDER BY id")
            for row in rows.prefix(attended) {
                _ = try await Attendance.mark(sessionID: session, rowID: try row.decode(UUID.self), to: .attended, expectedVersion: nil,
                                              by: principal, in: tx)
            }
            return session
        }
        return (tenant, session)
    }

    @Test("a past session is documented once, even when two servers run the job at the same time; the event carries the spec's fields")
    func documentsOnce() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let (tenant, _) = try await Self.todaysSession(db, name: "Once", attended: 2)
            let bus = EventBus(logger: db.logger)
            let later = Date().addingTimeInterval(36 * 3600)
            async let first = DocumentedAtEndTime.run(now: later, database: db.database, bus: bus)
            async let second = DocumentedAtEndTime.run(now: later, database: db.database, bus: bus)
            #expect(try await first + second == 1)
            #expect(try await DocumentedAtEndTime.run(now: later, database: db.database, bus: bus) == 0)
            let events = try await db.ownerScalars("SELECT payload::text FROM pf_event_outbox WHERE event_type = 'cl_group_session_documented'",
                                                   as: String.self)
            #expect(events.count == 1)
            let event = try #require(events.first)
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any])
            for key in ["session_id", "session_date", "actual_start_time", "actual_end_time", "duration_minutes", "attendees",
                        "participant_count", "metadata"] {
                #expect(payload[key] != nil, "payload lacks \(key)")
            }
            #expect(payload["participant_count"] as? Int == 2)
            #expect(payload["trigger"] as? String == "end_time")
            let attendee = try #require((payload["attendees"] as? [[String: Any]])?.first)
            #expect(attendee["chart_id"] as? String == attendee["patient_id"] as? String)
            let metadata = try #require(payload["metadata"] as? [String: Any])
            #expect(metadata["organization_id"] as? String == tenant.organizationID.uuidString)
            #expect(metadata["correlation_id"] != nil && metadata["timestamp"] != nil)
        }
    }

    @Test("a session whose end time has not passed is left alone")
    func notYetDue() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            _ = try await Self.todaysSession(db, name: "Early")
            let yesterday = Date().addingTimeInterval(-36 * 3600)
            #expect(try await DocumentedAtEndTime.run(now: yesterday, database: db.database, bus: EventBus(logger: db.logger)) == 0)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_sessions WHERE documented_at IS NOT NULL", as: Int.self) == [0])
        }
    }

    @Test("the other organizations are documented when one organization's transaction fails, and the next run picks it up")
    func isolatesFailures() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let (healthy, _) = try await Self.todaysSession(db, name: "Healthy")
            let (failing, _) = try await Self.todaysSession(db, name: "Failing")
            // Documenting anything of the failing organization raises, as a broken row would.
            try await db.asOwner("""
                CREATE FUNCTION test_refuse_documenting() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$
                """)
            try await db.asOwner(PostgresQuery(unsafeSQL: """
                CREATE TRIGGER test_refuse_documenting BEFORE UPDATE OF documented_at ON cl_group_sessions FOR EACH ROW
                WHEN (NEW.organization_id = '\(failing.organizationID.uuidString)') EXECUTE FUNCTION test_refuse_documenting()
                """))
            let bus = EventBus(logger: db.logger)
            let later = Date().addingTimeInterval(36 * 3600)
            #expect(try await DocumentedAtEndTime.run(now: later, database: db.database, bus: bus) == 1)
            let documented = try await db.ownerScalars("SELECT organization_id FROM cl_group_sessions WHERE documented_at IS NOT NULL", as: UUID.self)
            #expect(documented == [healthy.organizationID])
            try await db.asOwner("DROP TRIGGER test_refuse_documenting ON cl_group_sessions")
            #expect(try await DocumentedAtEndTime.run(now: later, database: db.database, bus: bus) == 1)
        }
    }
}
