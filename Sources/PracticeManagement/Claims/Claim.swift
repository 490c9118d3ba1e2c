public import Foundation

/// A stored claim: one member's charges on one payer.
public struct Claim: Sendable, Codable, Equatable {
    public let id: UUID
    /// CLM01, our patient control number, unique in the organization (`CL-000001`).
    public let claimNumber: String
    public let patientID: UUID
    public let payerID: UUID
    /// CLM05-3: `1` original, `7` replacement, `8` void.
    public let frequencyCode: String
    /// The claim a replacement or void acts on.
    public let replacesClaimID: UUID?
    /// REF*F8 of a 7 or 8: the acted-on claim's number (we store no payer claim number).
    public let originalClaimNumber: String?
    /// `open`, `exported` or `corrected`.
    public let status: ClaimStatus
    public let totalCents: Int
    public let correctionReason: String?
    public let createdAt: Date
    public let createdBy: UUID?
    public let exportedAt: Date?
}

/// Where a claim is in its life: built, sent in an interchange, or superseded by a 7 or 8.
public enum ClaimStatus: String, Sendable, Codable, CaseIterable {
    case open
    case exported
    case corrected
}

/// One service line: the charge it bills, as the charge stands.
public struct ClaimLine: Sendable, Codable, Equatable {
    public let lineNumber: Int
    public let chargeID: UUID
    public let serviceDate: String
    public let procedureCode: String
    public let modifiers: [String]
    public let units: Int
    public let unitRateCents: Int?
    public let amountCents: Int?
    public let groupSessionID: UUID?
    /// `active` or `void`: a void claim's lines are charges that were voided.
    public let chargeStatus: String
}

/// One scrubber finding. Errors block export; warnings are shown and accepted knowingly.
public struct ClaimValidation: Sendable, Codable, Equatable, Hashable {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public let severity: Severity
    public let code: String
    public let message: String
    /// What the finding is about, e.g. `patient.sex`, `lines[0].amount`, `billing_profile`.
    public let field: String?
    /// The group session a group-billing warning is about.
    public let groupSessionID: UUID?

    public init(severity: Severity, code: String, message: String, field: String? = nil, groupSessionID: UUID? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.field = field
        self.groupSessionID = groupSessionID
    }
}

/// A claim with its lines and the scrubber's latest findings.
public struct ClaimDetail: Sendable, Codable, Equatable {
    public let claim: Claim
    public let lines: [ClaimLine]
    public let validations: [ClaimValidation]

    /// Whether the scrubber found nothing that blocks export.
    public var isExportable: Bool { !validations.contains { $0.severity == .error } }
}

/// What building claims for a scope produced.
public struct ClaimBuild: Sendable, Codable, Equatable {
    public let claims: [ClaimDetail]
    /// Active charges left unclaimed, with why (e.g. `NO_PAYER`): reported, never silently dropped.
    public let unclaimedCharges: [UnclaimedCharge]
    /// The group sessions the new claims bill; the caller locks them in the same transaction.
    public let groupSessionIDs: [UUID]
}

public struct UnclaimedCharge: Sendable, Codable, Equatable {
    public let chargeID: UUID
    public let reason: String
}

/// Which active charges to claim.
public enum ClaimScope: Sendable, Equatable {
    case groupSession(UUID)
    case patient(UUID)
}
