import Finance
import Foundation
import Platform
import PracticeManagement

/// The Arizona organization's VBP contracts with AHCCCS Complete Care for this calendar year, so the
/// finance page has terms to settle the quality results Clinical finalizes.
enum DemoValueBasedPurchasing {
    static func ensureContracts(organizationSlug slug: String, organizationID: UUID, database: Database) async throws {
        guard slug == "desert-bloom" else { return }
        try await database.withTenant(organizationID) { tx in
            guard try await VBPContracts.list(in: tx).isEmpty,
                  let payer = try await Payers.list(in: tx).first(where: { $0.payerCode == "AZACC" }) else { return }
            let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx))
            let start = ServiceDate(year: today.year, month: 1, day: 1)!, end = ServiceDate(year: today.year, month: 12, day: 31)!
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            // Follow-up within 30 days of a psychiatric discharge: half the incentive at 55 %, all of it at 70 %.
            _ = try await VBPContracts.create(VBPContractDraft(payerID: payer.id, name: "AHCCCS FUH 30-day follow-up", terms: VBPContractTerms(
                measureID: "HEDIS_FUH_30", performancePeriodStart: start, performancePeriodEnd: end,
                tiers: [PerformanceTier(minimumRateBasisPoints: 5_500, earnedBasisPoints: 5_000),
                        PerformanceTier(minimumRateBasisPoints: 7_000, earnedBasisPoints: 10_000)],
                incentive: .fixedAmount(cents: 2_500_000), withholdCents: 1_200_000, baseRevenueCents: 48_000_000)), by: system, in: tx)
            // Follow-up within 7 days of an ED visit: 2 % of the plan's quality pool at a 45 % rate.
            _ = try await VBPContracts.create(VBPContractDraft(payerID: payer.id, name: "AHCCCS FUM 7-day follow-up", terms: VBPContractTerms(
                measureID: "HEDIS_FUM_7", performancePeriodStart: start, performancePeriodEnd: end, tiers: [.target(4_500)],
                incentive: .percentOfPool(poolCents: 75_000_000, basisPoints: 200), withholdCents: 600_000, baseRevenueCents: 48_000_000)),
                by: system, in: tx)
            // Results Clinical finalized before the contracts existed (or whose events are still queued).
            _ = try await VBPReconciliation.run(periodStart: start, periodEnd: end, by: system, in: tx)
        }
    }
}
