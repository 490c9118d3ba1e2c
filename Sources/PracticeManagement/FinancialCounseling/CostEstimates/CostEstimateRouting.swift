public import Foundation
public import Platform

/// The consumer of `pm_cost_estimate_generated` (PM-32): opens a financial-counseling referral for
/// the patient when the estimated responsibility exceeds the financial clearance threshold, the
/// jurisdiction profile's if set, else the module setting, else $1,000. At or below it, nothing.
/// Delivery is at least once; the referral's unique estimate key makes a repeat a no-op. A failing
/// delivery is retried by the dispatcher with exponential backoff and dead-lettered after its
/// third attempt (`EventDispatcher.Configuration.maxAttempts`).
public struct CostEstimateRouting: Sendable {
    public static let subscriberName = "pm.financial-counseling.cost-estimate-routing"
    let resolver: JurisdictionResolver

    public init(resolver: JurisdictionResolver) {
        self.resolver = resolver
    }

    public func subscriber() -> EventSubscriber {
        EventSubscriber(name: Self.subscriberName, eventType: CostEstimateGenerated.eventType) { envelope, tx in
            try await route(try envelope.payload(as: CostEstimateGenerated.Payload.self), in: tx)
        }
    }

    /// Applies one estimate; returns the referral opened, nil when none was (at or below the
    /// threshold, or already opened by an earlier delivery).
    @discardableResult
    public func route(_ estimate: CostEstimateGenerated.Payload, in tx: TenantTransaction) async throws -> UUID? {
        // The delivery runs in the event's organization; a payload naming another one is a broken
        // publisher, so it fails (and is dead-lettered) rather than opening a referral anywhere.
        guard estimate.organizationId == tx.organizationID else {
            throw DomainError.invalid("organization_id", "The estimate names another organization than the event's.")
        }
        // The organization's profile: an estimate names no site.
        let profile = await resolver.resolve(siteID: nil, in: tx)
        let settings = try await ModuleSettings.load(in: tx)
        let threshold = FinancialClearanceThreshold(jurisdictionProfile: profile.financialClearanceThreshold,
                                                    moduleSetting: settings.financialClearanceThreshold)
        guard threshold.isExceeded(by: estimate.patientEstimatedResponsibility) else { return nil }
        return try await FinancialCounselingReferrals.openForEstimate(estimateID: estimate.estimateId, patientID: estimate.patientId,
                                                                      threshold: threshold, in: tx)
    }
}
