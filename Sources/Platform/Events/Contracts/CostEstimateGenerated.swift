public import Foundation

/// `pm_cost_estimate_generated` (PM-48 → PM-32): a patient cost estimate was recorded. Financial
/// counseling consumes it to open a referral when the estimated responsibility exceeds the
/// financial clearance threshold. The contract lives in Platform because the publisher (cost
/// estimation) may be another system writing through the API.
///
/// Version: the seed names "1.0"; the bus's version is an integer holding the major version, so
/// "1.0" is 1. A change a consumer can ignore (an added optional field) keeps 1; a change that
/// breaks a consumer is 2, published on the same channel beside 1 until every consumer moved.
public enum CostEstimateGenerated: EventContract {
    public static let eventType = "pm_cost_estimate_generated"
    public static let version = 1
    public static let channel = "pm.cost_estimates"

    /// The seed's payload. `patient_estimated_responsibility` is integer cents, as all money in
    /// CareLedger (the seed says "number"; cents keep it exact).
    public struct Payload: Codable, Sendable, Hashable {
        public let estimateId: UUID
        public let patientId: UUID
        public let organizationId: UUID
        public let patientEstimatedResponsibility: Int
        public let serviceType: String

        public init(estimateId: UUID, patientId: UUID, organizationId: UUID, patientEstimatedResponsibility: Int, serviceType: String) {
            self.estimateId = estimateId
            self.patientId = patientId
            self.organizationId = organizationId
            self.patientEstimatedResponsibility = patientEstimatedResponsibility
            self.serviceType = serviceType
        }
    }

    /// Refuses an estimate a counselor could be routed on wrongly: a negative amount, or a service
    /// type that is empty or longer than 80 characters.
    public static func validate(_ payload: Payload) throws {
        func refuse(_ field: String, _ reason: String) -> EventValidationError {
            EventValidationError(eventType: eventType, field: field, reason: reason)
        }
        guard payload.patientEstimatedResponsibility >= 0 else {
            throw refuse("patient_estimated_responsibility", "must be 0 or more cents")
        }
        let service = payload.serviceType.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !service.isEmpty, payload.serviceType.count <= 80 else { throw refuse("service_type", "must be 1 to 80 characters") }
    }
}
