public import Foundation
/// Maps a service or group type to its procedure code (CPT/HCPCS), optionally for one payer.
public struct ServiceCodeMapping: Sendable, Hashable, Codable {
    /// The organization's service or group type, e.g. `"individual_therapy"`.
    public var serviceType: String
    /// The procedure code billed for it.
    public var procedureCode: String
    /// The payer this mapping is specific to; `nil` for the organization-wide mapping.
    public var payerID: UUID?
    /// When the mapping is in force.
    public var period: EffectivePeriod

    /// Creates a mapping.
    public init(serviceType: String, procedureCode: String, payerID: UUID? = nil, period: EffectivePeriod) {
        self.serviceType = serviceType
        self.procedureCode = procedureCode
        self.payerID = payerID
        self.period = period
    }
}
