import Foundation
import PracticeManagement

/// A claim as the API shows it in lists.
struct ClaimView: Codable, Sendable {
    let id: UUID
    let claimNumber: String
    let patientID: UUID
    let payerID: UUID
    let frequencyCode: String
    let replacesClaimID: UUID?
    let originalClaimNumber: String?
    let status: String
    let totalCents: Int
    let correctionReason: String?
    let createdAt: Date
    let exportedAt: Date?

    init(_ claim: Claim) {
        id = claim.id
        claimNumber = claim.claimNumber
        patientID = claim.patientID
        payerID = claim.payerID
        frequencyCode = claim.frequencyCode
        replacesClaimID = claim.replacesClaimID
        originalClaimNumber = claim.originalClaimNumber
        status = claim.status.rawValue
        totalCents = claim.totalCents
        correctionReason = claim.correctionReason
        createdAt = claim.createdAt
        exportedAt = claim.exportedAt
    }

    static let schema: Schema = .object([
        ("id", .string(format: "uuid")), ("claim_number", .string()), ("patient_id", .string(format: "uuid")), ("payer_id", .string(format: "uuid")),
        ("frequency_code", .string(enumeration: ["1", "7", "8"])), ("replaces_claim_id", .nullable(.string(format: "uuid"))),
        ("original_claim_number", .nullable(.string())), ("status", .string(enumeration: ClaimStatus.allCases.map(\.rawValue))),
        ("total_cents", .integer), ("correction_reason", .nullable(.string())), ("created_at", .string(format: "date-time")),
        ("exported_at", .nullable(.string(format: "date-time"))),
    ], required: ["id", "claim_number", "patient_id", "payer_id", "frequency_code", "status", "total_cents", "created_at"])
}

/// A claim with its lines, the scrubber's findings and where its 837P is.
struct ClaimDetailView: Codable, Sendable {
    let claim: ClaimView
    let lines: [ClaimLine]
    let validations: [ClaimValidation]
    /// False when a finding blocks export.
    let exportable: Bool
    let ediURL: String

    init(_ detail: ClaimDetail) {
        claim = ClaimView(detail.claim)
        lines = detail.lines
        validations = detail.validations
        exportable = detail.isExportable
        ediURL = "/api/v1/claims/\(detail.claim.id.uuidString.lowercased())/edi"
    }

    static let schema: Schema = .object([
        ("claim", .ref("Claim")),
        ("lines", .array(.object([
            ("line_number", .integer), ("charge_id", .string(format: "uuid")), ("service_date", .string(format: "date")),
            ("procedure_code", .string()), ("modifiers", .array(.string())), ("units", .integer), ("unit_rate_cents", .nullable(.integer)),
            ("amount_cents", .nullable(.integer)), ("group_session_id", .nullable(.string(format: "uuid"))),
            ("charge_status", .string(enumeration: ["active", "void"])),
        ], required: ["line_number", "charge_id", "service_date", "procedure_code", "modifiers", "units", "charge_status"]))),
        ("validations", .array(.ref("ClaimValidation"))), ("exportable", .boolean), ("edi_url", .string()),
    ], required: ["claim", "lines", "validations", "exportable", "edi_url"])

    static let validationSchema: Schema = .object([
        ("severity", .string(enumeration: ["error", "warning"])), ("code", .string()), ("message", .string()), ("field", .nullable(.string())),
        ("group_session_id", .nullable(.string(format: "uuid"))),
    ], required: ["severity", "code", "message"])
}

/// What POST /claims built.
struct ClaimBuildView: Codable, Sendable {
    let claims: [ClaimDetailView]
    let unclaimedCharges: [UnclaimedCharge]
    let lockedSessionIDs: [UUID]

    static let schema: Schema = .object([
        ("claims", .array(.ref("ClaimDetail"))),
        ("unclaimed_charges", .array(.object([("charge_id", .string(format: "uuid")), ("reason", .string())], required: ["charge_id", "reason"]))),
        ("locked_session_ids", .array(.string(format: "uuid"))),
    ], required: ["claims", "unclaimed_charges", "locked_session_ids"])
}

extension ClaimBuildView {
    init(_ built: ClaimBuild) {
        self.init(claims: built.claims.map(ClaimDetailView.init), unclaimedCharges: built.unclaimedCharges, lockedSessionIDs: built.groupSessionIDs)
    }
}
