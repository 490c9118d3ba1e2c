import Foundation
import Logging
public import Platform

/// The consumer of `cl_quality_measure_period_calculated`: each result is stored with the guarded
/// upsert of `QualityResults.apply`, which is what makes redelivery and out-of-order delivery safe.
public enum QualityResultConsumer {
    public static let subscriberName = "fa.vbp-quality-results"

    public static func subscriber() -> EventSubscriber {
        EventSubscriber(name: subscriberName, eventType: QualityMeasurePeriodCalculated.eventType) { envelope, tx in
            let payload = try envelope.payload(as: QualityMeasurePeriodCalculated.Payload.self)
            // The outbox row's organization is the tenant the handler runs in; a payload naming another
            // one is a publisher's bug, and applying it here would file it under the wrong tenant.
            guard payload.organizationId == tx.organizationID, let result = ReceivedQualityResult(payload) else {
                tx.logger.warning("quality result skipped: organization or period does not match its envelope",
                                  metadata: ["event_id": .string(envelope.id.uuidString), "measure_id": .string(payload.measureId)])
                return
            }
            try await QualityResults.apply(result, by: nil, in: tx)
        }
    }
}
