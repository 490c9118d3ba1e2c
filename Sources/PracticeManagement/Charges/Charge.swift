public import Foundation

/// A saved charge. Charges are voided, never deleted.
public struct Charge: Sendable, Codable, Equatable {
    public let id: UUID
    public let patientID: UUID
    public let serviceDate: String
    public let serviceType: String
    public let minutes: Int
    public let payerID: UUID?
    public let procedureCode: String
    public let modifiers: [String]
    public let units: Int
    public let unitRateCents: Int?
    public let amountCents: Int?
    public let profileSource: String
    public let fallbackFields: [String]
    public let groupSessionID: UUID?
    public let status: String
    public let voidReason: String?
    public let createdAt: Date
}
