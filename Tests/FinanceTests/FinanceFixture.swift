import Clinical
import Finance
import Foundation
import Platform
import PlatformTesting
import PracticeManagement

/// The schema the Finance tests run on (Clinical's quality results, Practice Management's payers,
/// Finance's tables) and a contract to work with.
enum FinanceFixture {
    static func migrations() throws -> [Migration] {
        try (PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations() + FinanceModule.migrations())
            .sorted { $0.version < $1.version }
    }

    /// An organization with one payer; returns the tenant and the payer's id.
    static func tenant(_ name: String, database: Database) async throws -> (TestTenant, UUID) {
        let tenant = try await TestTenant.create(name, permissions: [.vbpRead, .vbpManage], database: database)
        let payer = try await database.withTenant(tenant.organizationID) { tx in
            try await Payers.create(name: "\(name) Medicaid plan", payerCode: "MCD-\(name.prefix(4).uppercased())", by: nil, in: tx).id
        }
        return (tenant, payer)
    }

    /// HEDIS_FUH_30 in 2026: 60 % earns half of $10,000, 75 % all of it; $5,000 withheld from $200,000.
    static func draft(payer: UUID, measure: String = "HEDIS_FUH_30", start: String = "2026-01-01", end: String = "2026-12-31") -> VBPContractDraft {
        VBPContractDraft(payerID: payer, name: "\(measure) incentive", terms: VBPContractTerms(
            measureID: measure, performancePeriodStart: ServiceDate(start)!, performancePeriodEnd: ServiceDate(end)!,
            tiers: [PerformanceTier(minimumRateBasisPoints: 6_000, earnedBasisPoints: 5_000),
                    PerformanceTier(minimumRateBasisPoints: 7_500, earnedBasisPoints: 10_000)],
            incentive: .fixedAmount(cents: 1_000_000), withholdCents: 500_000, baseRevenueCents: 20_000_000))
    }

    static func payload(_ organization: UUID, measure: String = "HEDIS_FUH_30", start: String = "2026-01-01", end: String = "2026-12-31",
                        numerator: Int, denominator: Int, version: Int) -> QualityMeasurePeriodCalculated.Payload {
        QualityMeasurePeriodCalculated.Payload(
            organizationId: organization, timestamp: Date(), measureId: measure, periodStart: start, periodEnd: end,
            denominatorCount: denominator, numeratorCount: numerator,
            rate: QualityMeasurePeriodCalculated.rate(numerator: numerator, denominator: denominator),
            calculationVersion: version, metadata: nil)
    }
}
