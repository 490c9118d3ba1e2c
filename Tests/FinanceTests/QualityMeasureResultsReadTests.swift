import Finance
import Foundation
import Platform
import PlatformTesting
import Testing

/// `getQualityMeasureResults` over Clinical's real table, and Finance's reconciliation through it.
@Suite struct QualityMeasureResultsReadTests {
    @Test("the latest calculation per measure and period inside the window, [] when none, refused for another organization")
    func latestWithinWindow() async throws {
        try await TestDatabase.with(migrations: try FinanceFixture.migrations()) { db in
            let (tenant, _) = try await FinanceFixture.tenant("Reader", database: db.database)
            let (other, _) = try await FinanceFixture.tenant("Neighbour", database: db.database)
            let year = (ServiceDate("2026-01-01")!, ServiceDate("2026-12-31")!)
            func read(_ organization: UUID, as reader: UUID) async throws -> [QualityMeasureResult] {
                try await db.database.withTenant(reader) { tx in
                    try await QualityMeasureResults.getQualityMeasureResults(organization: organization, periodStart: year.0, periodEnd: year.1, in: tx)
                }
            }
            #expect(try await read(tenant.organizationID, as: tenant.organizationID) == [])

            for (measure, start, end, numerator, version) in [("HEDIS_FUH_7", "2026-01-01", "2026-12-31", 20, 1), ("HEDIS_FUH_7", "2026-01-01", "2026-12-31", 25, 2),
                                                              ("HEDIS_FUH_7", "2026-01-01", "2026-03-31", 9, 1), ("HEDIS_FUM_7", "2025-07-01", "2026-06-30", 5, 1)] {
                try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: measure, start: start, end: end,
                                                         numerator: numerator, denominator: 40, version: version)
            }
            try await db.insertClinicalQualityResult(organization: other.organizationID, measure: "HEDIS_FUH_7", start: "2026-01-01", end: "2026-12-31",
                                                     numerator: 39, denominator: 40, version: 7)

            let results = try await read(tenant.organizationID, as: tenant.organizationID)
            #expect(results.map { "\($0.measureId) \($0.periodStart)…\($0.periodEnd) \($0.numeratorCount)/\($0.denominatorCount) v\($0.calculationVersion)" } == [
                "HEDIS_FUH_7 2026-01-01…2026-03-31 9/40 v1",
                "HEDIS_FUH_7 2026-01-01…2026-12-31 25/40 v2",
            ])
            #expect(results.map(\.rate) == [0.225, 0.625])

            await #expect(throws: DomainError.self) { try await read(other.organizationID, as: tenant.organizationID) }
        }
    }

    @Test("reconciliation applies what Finance has not received, once; a newer Clinical calculation replaces Finance's")
    func reconciliation() async throws {
        try await TestDatabase.with(migrations: try FinanceFixture.migrations()) { db in
            let (tenant, payer) = try await FinanceFixture.tenant("Reconcile", database: db.database)
            let year = (ServiceDate("2026-01-01")!, ServiceDate("2026-12-31")!)
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await VBPContracts.create(FinanceFixture.draft(payer: payer), by: nil, in: tx)
            }
            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUH_30", start: "2026-01-01", end: "2026-12-31",
                                                     numerator: 50, denominator: 100, version: 1)
            func reconcile() async throws -> VBPReconciliationSummary {
                try await db.database.withTenant(tenant.organizationID) { tx in
                    try await VBPReconciliation.run(periodStart: year.0, periodEnd: year.1, by: nil, in: tx)
                }
            }
            func earned() async throws -> [Int] {
                try await db.ownerScalars("SELECT incentive_earned_cents FROM fa_vbp_outcomes", as: Int.self)
            }
            #expect(try await reconcile() == VBPReconciliationSummary(resultsChecked: 1, resultsApplied: 1))
            #expect(try await earned() == [0])
            #expect(try await reconcile() == VBPReconciliationSummary(resultsChecked: 1, resultsApplied: 0))

            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUH_30", start: "2026-01-01", end: "2026-12-31",
                                                     numerator: 76, denominator: 100, version: 2)
            #expect(try await reconcile() == VBPReconciliationSummary(resultsChecked: 1, resultsApplied: 1))
            #expect(try await earned() == [1_000_000])
        }
    }
}
