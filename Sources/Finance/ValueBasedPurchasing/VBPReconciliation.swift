import Foundation
public import Platform

/// What a reconciliation found: results Clinical holds, and how many Finance had not yet applied.
public struct VBPReconciliationSummary: Sendable, Hashable, Codable {
    public let resultsChecked: Int
    public let resultsApplied: Int

    public init(resultsChecked: Int, resultsApplied: Int) {
        self.resultsChecked = resultsChecked
        self.resultsApplied = resultsApplied
    }
}

/// Reconciles Finance's received results with Clinical's through the integration layer's
/// `getQualityMeasureResults`: a result whose event was lost, or is still waiting in the outbox, is
/// applied through the same guarded upsert as the consumer, so running it twice changes nothing.
public enum VBPReconciliation {
    public static func run(periodStart: ServiceDate, periodEnd: ServiceDate, by principal: Principal?,
                           in tx: TenantTransaction) async throws -> VBPReconciliationSummary {
        let results = try await QualityMeasureResults.getQualityMeasureResults(organization: tx.organizationID, periodStart: periodStart,
                                                                                periodEnd: periodEnd, in: tx)
        var applied = 0
        for result in results.compactMap(ReceivedQualityResult.init) where try await QualityResults.apply(result, by: principal, in: tx) {
            applied += 1
        }
        return VBPReconciliationSummary(resultsChecked: results.count, resultsApplied: applied)
    }
}
