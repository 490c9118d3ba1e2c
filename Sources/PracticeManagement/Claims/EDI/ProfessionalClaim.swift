/// One claim (loops 2000B to 2400): a patient's services on one payer.
///
/// A replacement (7) or void (8) names the payer's claim it acts on through
/// `originalPayerClaimControlNumber` (REF*F8): our patient control number is ours, and a payer
/// may hold several adjudicated claims under it, so only its own control number (CLP07 of the
/// 835, or the 277CA) says which one to replace or cancel. An original claim must not carry one.
///
/// A void still carries the diagnoses and lines of the claim it cancels: the 837 has no
/// line-less claim (loop 2400 is required), and payers match a void to the original on its content.
public struct ProfessionalClaim: Sendable, Equatable {
    /// CLM01, our claim control number, echoed back on the 277CA and the 835; up to 38 characters.
    public var patientControlNumber: String
    public var subscriber: ClaimSubscriber
    public var payer: ClaimPayer
    public var frequency: ClaimFrequency
    public var originalPayerClaimControlNumber: String?
    /// CLM05-1; a line names its own place only when it differs.
    public var placeOfService: PlaceOfService
    /// ICD-10-CM, 1 to 12, principal first; written without the dot (`F33.1` becomes `F331`).
    public var diagnosisCodes: [String]
    /// 1 to 50 lines, the most one 837P claim can carry.
    public var lines: [ProfessionalServiceLine]
    public var renderingProvider: RenderingProvider?
    /// REF*G1, when the payer authorized the services beforehand.
    public var priorAuthorizationNumber: String?
    public var certifications: ClaimCertifications

    public init(
        patientControlNumber: String, subscriber: ClaimSubscriber, payer: ClaimPayer, frequency: ClaimFrequency = .original,
        originalPayerClaimControlNumber: String? = nil, placeOfService: PlaceOfService, diagnosisCodes: [String],
        lines: [ProfessionalServiceLine], renderingProvider: RenderingProvider? = nil, priorAuthorizationNumber: String? = nil,
        certifications: ClaimCertifications = .standard
    ) {
        self.patientControlNumber = patientControlNumber
        self.subscriber = subscriber
        self.payer = payer
        self.frequency = frequency
        self.originalPayerClaimControlNumber = originalPayerClaimControlNumber
        self.placeOfService = placeOfService
        self.diagnosisCodes = diagnosisCodes
        self.lines = lines
        self.renderingProvider = renderingProvider
        self.priorAuthorizationNumber = priorAuthorizationNumber
        self.certifications = certifications
    }

    /// CLM02: always the sum of the lines, so the claim total cannot disagree with them.
    public var totalChargeCents: Int { lines.reduce(0) { $0 + $1.chargeCents } }
}

/// CLM06 to CLM09: what the provider and patient signed.
public struct ClaimCertifications: Sendable, Equatable {
    /// CLM06: the provider's signature is on file.
    public var providerSignatureOnFile: Bool
    /// CLM07: whether the provider accepts the payer's assignment.
    public var assignment: ProviderAssignment
    /// CLM08: the patient assigned benefits to the provider, so the payer pays the provider.
    public var benefitsAssignedToProvider: Bool
    /// CLM09.
    public var releaseOfInformation: ReleaseOfInformation

    public init(providerSignatureOnFile: Bool, assignment: ProviderAssignment, benefitsAssignedToProvider: Bool, releaseOfInformation: ReleaseOfInformation) {
        self.providerSignatureOnFile = providerSignatureOnFile
        self.assignment = assignment
        self.benefitsAssignedToProvider = benefitsAssignedToProvider
        self.releaseOfInformation = releaseOfInformation
    }

    /// Y/A/Y/Y: the usual in-network practice with signatures and releases on file.
    public static let standard = ClaimCertifications(
        providerSignatureOnFile: true, assignment: .assigned, benefitsAssignedToProvider: true, releaseOfInformation: .signedStatement)
}

/// CLM07.
public enum ProviderAssignment: String, Sendable, Equatable {
    case assigned = "A"
    case assignedForClinicalLabOnly = "B"
    case notAssigned = "C"
}

/// CLM09.
public enum ReleaseOfInformation: String, Sendable, Equatable {
    /// A signed statement permits release of medical data for the claim.
    case signedStatement = "Y"
    /// Informed consent without a signed statement (e.g. federally protected substance-use records).
    case informedConsentOnly = "I"
}
