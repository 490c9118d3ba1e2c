import Finance
import Foundation
import Platform
import PlatformTesting
import Testing

/// The consumer of `cl_quality_measure_period_calculated` through the real outbox and dispatcher:
/// redelivery changes nothing, a newer calculation replaces an older one, and an older one
/// delivered late never overwrites a newer one.
@Suite struct QualityResultConsumerTests {
    struct Stored: Equatable {
        let numerator: Int, denominator: Int, version: Int
    }

    struct Figures: Equatable {
        let rate: Int?, tier: Int?, earned: Int, lost: Int
    }

    static func stored(_ db: TestDatabase) async throws -> [Stored] {
        var rows: [Stored] = []
        for try await (numerator, denominator, version) in try await db.owner.query(
            "SELECT numerator_count::int8, denominator_count::int8, calculation_version::int8 FROM fa_quality_results ORDER BY measure_id",
            logger: db.logger).decode((Int, Int, Int).self) {
            rows.append(Stored(numerator: numerator, denominator: denominator, version: version))
        }
        return rows
    }

    static func figures(_ db: TestDatabase) async throws -> [Figures] {
        var rows: [Figures] = []
        for try await (rate, tier, earned, lost) in try await db.owner.query("""
            SELECT rate_bp::int8, tier_reached::int8, incentive_earned_cents, at_risk_lost_cents FROM fa_vbp_outcomes ORDER BY contract_id
            """, logger: db.logger).decode((Int?, Int?, Int, Int).self) {
            rows.append(Figures(rate: rate, tier: tier, earned: earned, lost: lost))
        }
        return rows
    }

    static func deliver(_ dispatcher: EventDispatcher, _ db: TestDatabase) async throws {
        for _ in 0..<50 where try await db.ownerScalars("SELECT DISTINCT status FROM pf_event_deliveries", as: String.self) != ["delivered"] {
            _ = try await dispatcher.drainOnce()
        }
        #expect(try await db.ownerScalars("SELECT DISTINCT status FROM pf_event_deliveries", as: String.self) == ["delivered"])
    }

    static func pipeline(_ db: TestDatabase) -> (EventBus, EventDispatcher) {
        let bus = EventBus(logger: db.logger)
        for subscriber in FinanceModule.subscribers() { bus.subscribe(subscriber) }
        var configuration = EventDispatcher.Configuration()
        configuration.baseBackoff = .milliseconds(1)
        return (bus, EventDispatcher(bus: bus, database: db.database, configuration: configuration, logger: db.logger))
    }

    @Test("a result is stored with each covering contract's figures, and a redelivery changes nothing")
    func appliesOnceAcrossRedelivery() async throws {
        try await TestDatabase.with(migrations: try FinanceFixture.migrations()) { db in
            let (tenant, payer) = try await FinanceFixture.tenant("Redelivery", database: db.database)
            let (bus, dispatcher) = Self.pipeline(db)
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await VBPContracts.create(FinanceFixture.draft(payer: payer), by: nil, in: tx)
                // Another measure's contract: the result does not fall under it.
                _ = try await VBPContracts.create(FinanceFixture.draft(payer: payer, measure: "HEDIS_FUM_30"), by: nil, in: tx)
            }
            try await db.database.withTenant(tenant.organizationID) { tx in
                try await bus.publish(QualityMeasurePeriodCalculated.self,
                                      FinanceFixture.payload(tenant.organizationID, numerator: 62, denominator: 100, version: 1), in: tx)
            }
            try await Self.deliver(dispatcher, db)
            #expect(try await Self.stored(db) == [Stored(numerator: 62, denominator: 100, version: 1)])
            #expect(try await Self.figures(db) == [Figures(rate: 6_200, tier: 1, earned: 500_000, lost: 0)])
            let firstAudit = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'vbp-quality-result.applied'", as: Int.self)
            #expect(firstAudit == [1])
            let computedAt = try await db.ownerScalars("SELECT computed_at::text FROM fa_vbp_outcomes", as: String.self)

            // At-least-once: the same event is handed over again.
            try await db.asOwner("UPDATE pf_event_deliveries SET status = 'pending', next_attempt_at = now()")
            try await Self.deliver(dispatcher, db)
            #expect(try await Self.stored(db) == [Stored(numerator: 62, denominator: 100, version: 1)])
            #expect(try await db.ownerScalars("SELECT computed_at::text FROM fa_vbp_outcomes", as: String.self) == computedAt)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'vbp-quality-result.applied'", as: Int.self) == [1])
        }
    }

    @Test("a newer calculation replaces the older one; an older one delivered late changes nothing")
    func newerWinsOlderLateIsIgnored() async throws {
        try await TestDatabase.with(migrations: try FinanceFixture.migrations()) { db in
            let (tenant, payer) = try await FinanceFixture.tenant("Versions", database: db.database)
            let (bus, dispatcher) = Self.pipeline(db)
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await VBPContracts.create(FinanceFixture.draft(payer: payer), by: nil, in: tx)
            }
            func publish(numerator: Int, version: Int) async throws {
                try await db.database.withTenant(tenant.organizationID) { tx in
                    try await bus.publish(QualityMeasurePeriodCalculated.self,
                                          FinanceFixture.payload(tenant.organizationID, numerator: numerator, denominator: 100, version: version), in: tx)
                }
            }
            try await publish(numerator: 55, version: 1)
            try await Self.deliver(dispatcher, db)
            #expect(try await Self.figures(db) == [Figures(rate: 5_500, tier: nil, earned: 0, lost: 500_000)])

            // Recalculated: version 3 arrives before version 2.
            try await publish(numerator: 80, version: 3)
            try await Self.deliver(dispatcher, db)
            #expect(try await Self.stored(db) == [Stored(numerator: 80, denominator: 100, version: 3)])
            #expect(try await Self.figures(db) == [Figures(rate: 8_000, tier: 2, earned: 1_000_000, lost: 0)])

            try await publish(numerator: 70, version: 2)
            try await Self.deliver(dispatcher, db)
            #expect(try await Self.stored(db) == [Stored(numerator: 80, denominator: 100, version: 3)])
            #expect(try await Self.figures(db) == [Figures(rate: 8_000, tier: 2, earned: 1_000_000, lost: 0)])
        }
    }

    @Test("a contract saved after its results are in gets its figures from them; an update rebuilds them")
    func contractAfterResults() async throws {
        try await TestDatabase.with(migrations: try FinanceFixture.migrations()) { db in
            let (tenant, payer) = try await FinanceFixture.tenant("Late contract", database: db.database)
            try await db.database.withTenant(tenant.organizationID) { tx in
                // The full year and a quarter inside it; a result straddling the year is not covered.
                for (start, end, numerator) in [("2026-01-01", "2026-12-31", 76), ("2026-04-01", "2026-06-30", 61), ("2025-10-01", "2026-03-31", 90)] {
                    let result = ReceivedQualityResult(FinanceFixture.payload(tenant.organizationID, start: start, end: end,
                                                                              numerator: numerator, denominator: 100, version: 1))!
                    #expect(try await QualityResults.apply(result, by: nil, in: tx))
                }
                let contract = try await VBPContracts.create(FinanceFixture.draft(payer: payer), by: nil, in: tx)
                let rows = try await VBPOutcomes.list(periodStart: ServiceDate("2025-01-01")!, periodEnd: ServiceDate("2026-12-31")!, in: tx)
                #expect(rows.map(\.result.periodStart.description) == ["2026-01-01", "2026-04-01"])
                #expect(rows.map(\.outcome.incentiveEarnedCents) == [1_000_000, 500_000])
                #expect(rows.map(\.coversWholePeriod) == [true, false])

                // Raise the target above both rates: the withhold is lost on both.
                let raised = VBPContractDraft(payerID: payer, name: contract.name, terms: VBPContractTerms(
                    measureID: "HEDIS_FUH_30", performancePeriodStart: ServiceDate("2026-01-01")!, performancePeriodEnd: ServiceDate("2026-12-31")!,
                    tiers: [.target(8_000)], incentive: .fixedAmount(cents: 1_000_000), withholdCents: 500_000, baseRevenueCents: 20_000_000))
                let updated = try await VBPContracts.update(contract.id, raised, expectedVersion: 1, by: nil, in: tx)
                #expect(updated.version == 2)
                let after = try await VBPOutcomes.list(periodStart: ServiceDate("2026-01-01")!, periodEnd: ServiceDate("2026-12-31")!, in: tx)
                #expect(after.map(\.outcome.atRiskLostCents) == [500_000, 500_000])
                #expect(after.map(\.outcome.qualityAdjustedRevenueCents) == [19_500_000, 19_500_000])
            }
        }
    }
}
