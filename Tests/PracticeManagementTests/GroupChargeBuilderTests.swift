import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The charge build as PracticeManagement runs it on a documented session: one charge per billable
/// member at the band rate, each revision applied once, a rebuild that voids only what changed.
@Suite("Group charge build")
struct GroupChargeBuilderTests {
    /// The fixture with the group type mapped to 90853.
    static func fixture(_ db: TestDatabase) async throws -> ClaimFixture {
        let fixture = try await ClaimFixture.make(db, name: "Charges")
        try await fixture.tx { tx in
            try await FeeScheduleStore.addMapping(serviceType: "process_group", procedureCode: "90853", payerID: nil,
                                                  effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, by: nil, in: tx)
        }
        return fixture
    }

    /// Documents the session as Clinical does and returns the event's payload.
    static func document(_ fixture: ClaimFixture, _ session: UUID, _ trigger: GroupSessionDocumented.Trigger) async throws -> GroupSessionDocumented.Payload {
        let (bus, principal) = (EventBus(logger: fixture.db.logger), fixture.principal)
        let payload = try await fixture.tx { tx in
            try await GroupSessionDocumentation.publish(sessionID: session, trigger: trigger, by: principal, bus: bus, in: tx)
        }
        return try #require(payload)
    }

    /// The session's active charges as `patient|code|units|rate|amount|has the group modifier`, and how many are void.
    static func charges(_ fixture: ClaimFixture, _ session: UUID) async throws -> (active: [String], void: Int) {
        let active = try await fixture.db.ownerScalars("""
            SELECT patient_id::text || '|' || procedure_code || '|' || units || '|' || unit_rate_cents || '|' || amount_cents || '|'
                   || ('HQ' = ANY(modifiers))::text
            FROM pm_charges WHERE group_session_id = \(session) AND status = 'active' ORDER BY patient_id
            """, as: String.self)
        let void = try await fixture.db.ownerScalars("""
            SELECT count(*)::int FROM pm_charges WHERE group_session_id = \(session) AND status = 'void'
            """, as: Int.self)
        return (active, void.first ?? 0)
    }

    @Test("one charge per ATTENDED or LATE member: 90853, four 15-minute units at the 2–3 band's $16.00, with the group modifier")
    func buildsBillableMembers() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            let fixture = try await Self.fixture(db)
            let (a, b, c, d) = (try await fixture.patient("A"), try await fixture.patient("B"), try await fixture.patient("C"),
                                try await fixture.patient("D"))
            let session = try await fixture.session([(a, .attended), (b, .late), (c, .attended), (d, .absent)])
            let payload = try await Self.document(fixture, session, .finalized)
            let builder = GroupChargeBuilder(resolver: fixture.resolver)
            let built = try await fixture.tx { tx in try await builder.build([payload], voidReason: nil, by: nil, in: tx) }
            #expect(built.map(\.outcome) == [.built])
            #expect(built.first?.billableCount == 3)
            let (active, void) = try await Self.charges(fixture, session)
            let expected = [a, b, c].map { "\($0.uuidString.lowercased())|90853|4|1600|6400|true" }.sorted()
            #expect(active == expected)
            #expect(void == 0)
        }
    }

    @Test("a revision is applied once; a later one voids the charge of a member no longer billable and keeps the rest")
    func rebuildReconciles() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            let fixture = try await Self.fixture(db)
            let (a, b, c) = (try await fixture.patient("A"), try await fixture.patient("B"), try await fixture.patient("C"))
            let session = try await fixture.session([(a, .attended), (b, .attended), (c, .attended)])
            let builder = GroupChargeBuilder(resolver: fixture.resolver)
            let first = try await Self.document(fixture, session, .finalized)
            try await fixture.tx { tx in _ = try await builder.build([first], voidReason: nil, by: nil, in: tx) }
            let before = try await Self.charges(fixture, session)
            #expect(before.active.count == 3)

            // Delivered again: already applied, nothing changes.
            let again = try await fixture.tx { tx in try await builder.build([first], voidReason: nil, by: nil, in: tx) }
            #expect(again.isEmpty)
            #expect(try await Self.charges(fixture, session).active == before.active)

            try await fixture.tx { tx in
                try await tx.query("UPDATE cl_group_attendance SET attendance_status = 'ABSENT' WHERE session_id = \(session) AND patient_id = \(c)")
            }
            let second = try await Self.document(fixture, session, .attendanceChanged)
            #expect(second.revision > first.revision)
            try await fixture.tx { tx in _ = try await builder.build([second], voidReason: nil, by: nil, in: tx) }
            let after = try await Self.charges(fixture, session)
            #expect(after.active == before.active.filter { !$0.hasPrefix(c.uuidString.lowercased()) })
            #expect(after.void == 1)
        }
    }
}
