import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// PM-48 → PM-32 against real PostgreSQL and the real dispatcher: an estimate and its event commit
/// together; the consumer opens one referral above the threshold (profile, else module setting,
/// else $1,000), none at or below it, one however often it is delivered, and a delivery that keeps
/// failing is retried with exponential backoff and dead-lettered after three attempts.
@Suite("Cost estimates routed to financial counseling")
struct CostEstimateRoutingTests {
    static func migrations() throws -> [Migration] { try PlatformMigrations.all() + PracticeManagementModule.migrations() }

    struct Fixture: Sendable {
        let db: TestDatabase
        let org: UUID
        let principal: Principal
        let patient: UUID
        let bus: EventBus
        let dispatcher: EventDispatcher

        func tx<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) async throws -> T) async throws -> T {
            try await db.database.withTenant(org, body)
        }

        func estimate(_ cents: Int) async throws -> CostEstimate {
            try await tx { tx in
                try await CostEstimates.record(patientID: patient, serviceType: "iop_program", patientEstimatedResponsibility: cents, bus: bus,
                                               by: principal, in: tx)
            }
        }

        /// Delivers everything due, a few rounds (a failed delivery is due again after its backoff).
        func drain() async throws {
            for _ in 0..<5 where try await dispatcher.drainOnce() > 0 {}
        }

        func referrals() async throws -> [UUID] {
            try await db.ownerScalars("SELECT estimate_id FROM pm_financial_counseling_referrals WHERE organization_id = \(org)", as: UUID.self)
        }
    }

    static func fixture(_ db: TestDatabase, profile: Int? = nil, setting: Int? = nil,
                        configuration: EventDispatcher.Configuration = .init()) async throws -> Fixture {
        let org = try await Organizations.create(name: "Clinic", slug: "clinic-\(UUID().uuidString.prefix(6).lowercased())", database: db.database)
        let principal = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
        let patient = try await db.database.withTenant(org) { tx in
            if let profile {
                try await JurisdictionProfileStore.save(JurisdictionProfile(stateCode: "AZ", financialClearanceThreshold: profile), siteID: nil,
                                                        by: principal, in: tx)
            }
            if let setting {
                try await ModuleSettings.save(ModuleSettings(autoApplyU7: false, autoApplyUB: false, financialClearanceThreshold: setting), in: tx)
            }
            return try await Patients.create(mrn: "E-1", givenName: "Ana", familyName: "Diaz", dateOfBirth: "1990-02-03", by: nil, in: tx).id
        }
        let bus = EventBus(logger: db.logger)
        for subscriber in PracticeManagementModule.subscribers(jurisdictions: JurisdictionResolver(logger: db.logger)) { bus.subscribe(subscriber) }
        let dispatcher = EventDispatcher(bus: bus, database: db.database, configuration: configuration, logger: db.logger)
        return Fixture(db: db, org: org, principal: principal, patient: patient, bus: bus, dispatcher: dispatcher)
    }

    @Test("the estimate and pm_cost_estimate_generated v1 on pm.cost_estimates commit together, with the seed's payload")
    func publishedWithEstimate() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let f = try await Self.fixture(db)
            let estimate = try await f.estimate(125_000)
            let rows = try await db.ownerScalars("""
                SELECT event_type || '|' || version || '|' || channel || '|' || (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(payload) k)
                       || '|' || (payload->>'patient_estimated_responsibility') || '|' || (payload->>'estimate_id')
                FROM pf_event_outbox
                """, as: String.self)
            #expect(rows == ["pm_cost_estimate_generated|1|pm.cost_estimates|estimate_id,organization_id,patient_estimated_responsibility,patient_id,service_type|125000|\(estimate.id.uuidString)"])
            #expect(try await db.ownerScalars("SELECT subscriber FROM pf_event_deliveries", as: String.self) == [CostEstimateRouting.subscriberName])
            #expect(try await db.ownerScalars("SELECT action FROM pf_audit_log WHERE organization_id = \(f.org) AND entity_type = 'cost_estimate'",
                                              as: String.self) == ["cost-estimate.recorded"])

            // A transaction that fails after recording leaves neither estimate nor event.
            await #expect(throws: DomainError.self) {
                try await f.tx { tx in
                    _ = try await CostEstimates.record(patientID: f.patient, serviceType: "iop_program", patientEstimatedResponsibility: 5, bus: f.bus,
                                                       by: f.principal, in: tx)
                    throw DomainError(.conflict, code: "ABORT", message: "roll back")
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_cost_estimates", as: Int.self) == [1])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [1])
            // Bad input is refused by name before anything is written.
            for (cents, service, field) in [(-1, "iop_program", "patient_estimated_responsibility"), (10, " ", "service_type")] {
                await #expect(throws: DomainError.invalid(field, field == "service_type" ? "Name the service in 1 to 80 characters." : "The estimate is an amount in cents, 0 or more.")) {
                    try await f.tx { tx in
                        _ = try await CostEstimates.record(patientID: f.patient, serviceType: service, patientEstimatedResponsibility: cents, bus: f.bus,
                                                           by: f.principal, in: tx)
                    }
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [1])
        }
    }

    /// (profile threshold, module setting, estimate, referral opened, source recorded)
    static let thresholdRows: [(profile: Int?, setting: Int?, cents: Int, opened: Bool, source: String?)] = [
        (nil, nil, 100_000, false, nil),                     // at the $1,000 default: nothing
        (nil, nil, 100_001, true, "default"),                // a cent above it
        (nil, 50_000, 50_000, false, nil),                   // at the module setting
        (nil, 50_000, 50_001, true, "module_setting"),
        (200_000, 50_000, 150_000, false, nil),              // the profile wins over the module setting
        (200_000, 50_000, 200_001, true, "jurisdiction_profile"),
        (0, nil, 1, true, "jurisdiction_profile"),           // a zero threshold routes every paying estimate
        (0, nil, 0, false, nil),
    ]

    @Test("a referral opens only strictly above the threshold in force, and records where the threshold came from", arguments: thresholdRows)
    func thresholds(row: (profile: Int?, setting: Int?, cents: Int, opened: Bool, source: String?)) async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let f = try await Self.fixture(db, profile: row.profile, setting: row.setting)
            let estimate = try await f.estimate(row.cents)
            try await f.drain()
            #expect(try await db.ownerScalars("SELECT status FROM pf_event_deliveries", as: String.self) == ["delivered"])
            #expect(try await f.referrals() == (row.opened ? [estimate.id] : []))
            #expect(try await db.ownerScalars("SELECT threshold_source FROM pm_financial_counseling_referrals", as: String.self)
                    == (row.source.map { [$0] } ?? []))
            let worklist = try await f.tx { tx in try await FinancialCounselingReferrals.list(openOnly: true, in: tx) }
            #expect(worklist.map(\.patientID) == (row.opened ? [f.patient] : []))
        }
    }

    @Test("redelivery and concurrent handling open one referral per estimate")
    func redelivery() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let f = try await Self.fixture(db)
            let estimate = try await f.estimate(250_000)
            try await f.drain()
            #expect(try await f.referrals() == [estimate.id])
            // At least once: the same event handed over again.
            try await db.asOwner("UPDATE pf_event_deliveries SET status = 'pending', next_attempt_at = now()")
            try await f.drain()
            #expect(try await db.ownerScalars("SELECT status FROM pf_event_deliveries", as: String.self) == ["delivered"])
            #expect(try await f.referrals() == [estimate.id])
            // Two handlers at once (two processes): the unique estimate key lets one insert win.
            let payload = CostEstimateGenerated.Payload(estimateId: UUID(), patientId: f.patient, organizationId: f.org,
                                                        patientEstimatedResponsibility: 300_000, serviceType: "php_program")
            let routing = CostEstimateRouting(resolver: JurisdictionResolver(logger: db.logger))
            let opened = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for _ in 0..<4 { group.addTask { try await f.tx { tx in try await routing.route(payload, in: tx) } } }
                return try await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(opened.count == 1)
            #expect(Set(try await f.referrals()) == [estimate.id, payload.estimateId])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'financial-counseling-referral.opened'",
                                              as: Int.self) == [2])
        }
    }

    @Test("a delivery that keeps failing is retried with doubling backoff and dead-lettered after the third attempt; replay then opens it")
    func deadLetter() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            // setup: the default dispatcher configuration (3 attempts, 500 ms doubling), and a referral table that refuses inserts.
            let f = try await Self.fixture(db)
            try await db.asOwner("""
                CREATE FUNCTION test_refuse_referral() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'referrals are refused in this test'; END $$
                """)
            try await db.asOwner("""
                CREATE TRIGGER test_refuse_referral BEFORE INSERT ON pm_financial_counseling_referrals
                FOR EACH ROW EXECUTE FUNCTION test_refuse_referral()
                """)
            let estimate = try await f.estimate(500_000)
            // MUT: one attempt at a time. The wait the dispatcher set lies between the next attempt
            // measured from just after the attempt and from just before it, however slow the machine.
            var waits: [ClosedRange<Double>] = []
            for _ in 1...3 {
                let before = try await db.ownerScalars("SELECT extract(epoch FROM clock_timestamp())::float8", as: Double.self)[0]
                #expect(try await f.dispatcher.drainOnce() == 1)
                let after = try await db.ownerScalars("SELECT extract(epoch FROM clock_timestamp())::float8", as: Double.self)[0]
                waits += try await db.ownerScalars("""
                    SELECT extract(epoch FROM next_attempt_at)::float8 FROM pf_event_deliveries WHERE status = 'pending'
                    """, as: Double.self).map { ($0 - after)...($0 - before) }
                try await db.asOwner("UPDATE pf_event_deliveries SET next_attempt_at = now() WHERE status = 'pending'")
            }
            // validate
            #expect(waits.count == 2, "two retries are scheduled, then the third failure is final")
            #expect(waits.count == 2 && waits[0].contains(0.5) && waits[1].contains(1.0), "backoff doubles from 500 ms: \(waits)")
            #expect(try await f.dispatcher.drainOnce() == 0, "a dead delivery is not claimed again")
            let dead = try await db.owner.withConnection { try await DeadLetters.list(on: $0, logger: db.logger) }
            #expect(dead.map(\.eventID).count == 1)
            #expect(dead.first?.attempts == 3)
            #expect(dead.first?.subscriber == CostEstimateRouting.subscriberName)
            #expect(try await f.referrals().isEmpty)
            // Once the cause is gone, an operator's replay opens the referral.
            try await db.asOwner("DROP TRIGGER test_refuse_referral ON pm_financial_counseling_referrals")
            let replayed = try await db.owner.withConnection { try await DeadLetters.replay(eventID: dead[0].eventID, subscriber: nil, on: $0, logger: db.logger) }
            #expect(replayed == 1)
            try await f.drain()
            #expect(try await f.referrals() == [estimate.id])
        }
    }
}
