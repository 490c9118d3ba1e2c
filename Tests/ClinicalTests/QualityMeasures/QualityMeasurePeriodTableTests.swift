import Clinical
import Foundation
import Platform
import PlatformTesting
import Testing

@Suite("The quality-measure period results table")
struct QualityMeasurePeriodTableTests {
    static func insert(version: Int, denominator: Int = 10, numerator: Int = 4, rate: String? = "0.4", in tx: TenantTransaction) async throws {
        let bus = EventBus(logger: tx.logger)
        let event = try await bus.publish(QualityMeasurePeriodCalculated.self, .init(
            organizationId: tx.organizationID, timestamp: Date(), measureId: "HEDIS_FUH_7", periodStart: "2026-01-01", periodEnd: "2026-12-31",
            denominatorCount: 10, numeratorCount: 4, rate: 0.4, calculationVersion: version, metadata: nil), in: tx)
        try await tx.query("""
            INSERT INTO cl_quality_measure_periods (organization_id, id, measure_id, period_start, period_end, denominator_count,
              numerator_count, rate, calculation_version, calculated_at, published_event_id)
            VALUES (\(tx.organizationID), \(UUID()), 'HEDIS_FUH_7', '2026-01-01', '2026-12-31', \(denominator), \(numerator),
              \(rate)::numeric, \(version), now(), \(event))
            """)
    }

    @Test("versions are kept side by side, rows are never rewritten, counts must be consistent, and other tenants see nothing")
    func table() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let org = try await Organizations.create(name: "Quality", slug: "quality-table", database: db.database)
            let other = try await Organizations.create(name: "Other", slug: "quality-other", database: db.database)
            try await db.database.withTenant(org) { tx in
                try await Self.insert(version: 1, in: tx)
                try await Self.insert(version: 2, in: tx)
            }
            // The same version twice, a numerator above its denominator, a rate on an empty denominator.
            for bad in [(1, 10, 4, "0.4"), (3, 4, 5, "1"), (4, 0, 0, "0")] {
                await #expect(throws: (any Error).self) {
                    try await db.database.withTenant(org) { tx in
                        try await Self.insert(version: bad.0, denominator: bad.1, numerator: bad.2, rate: bad.3, in: tx)
                    }
                }
            }
            await #expect(throws: (any Error).self) {
                try await db.database.withTenant(org) { tx in try await tx.query("UPDATE cl_quality_measure_periods SET numerator_count = 5") }
            }
            await #expect(throws: (any Error).self) {
                try await db.database.withTenant(org) { tx in try await tx.query("DELETE FROM cl_quality_measure_periods") }
            }
            let versions = try await db.database.withTenant(org) { tx in
                try await tx.rows("SELECT calculation_version FROM cl_quality_measure_periods ORDER BY 1").map { try $0.decode(Int.self) }
            }
            #expect(versions == [1, 2])
            let seenByOther = try await db.database.withTenant(other) { tx in
                try await tx.rows("SELECT count(*)::int FROM cl_quality_measure_periods").map { try $0.decode(Int.self) }
            }
            #expect(seenByOther == [0])
        }
    }
}
