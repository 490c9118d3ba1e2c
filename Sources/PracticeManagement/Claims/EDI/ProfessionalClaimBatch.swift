public import Foundation

/// One interchange of professional claims (X12 837P, 005010X222A1) from one billing provider.
///
/// The billing provider sits on the batch, not on each claim: the renderer writes one billing
/// provider loop (2000A) with every claim's subscriber loop beneath it. A practice that bills
/// under two NPIs (for example a clinic and its community mental health center) sends two batches.
public struct ProfessionalClaimBatch: Sendable, Equatable {
    public var interchange: InterchangeEnvelope
    public var submitter: ClaimSubmitter
    public var receiver: ClaimReceiver
    public var billingProvider: BillingProvider
    public var claims: [ProfessionalClaim]

    public init(
        interchange: InterchangeEnvelope, submitter: ClaimSubmitter, receiver: ClaimReceiver,
        billingProvider: BillingProvider, claims: [ProfessionalClaim]
    ) {
        self.interchange = interchange
        self.submitter = submitter
        self.receiver = receiver
        self.billingProvider = billingProvider
        self.claims = claims
    }
}

/// The ISA/GS envelope: who trades with whom, under which control numbers, and when.
///
/// The creation moment is an input so the same batch always renders to the same bytes; the
/// renderer never reads the clock. `timeZone` decides the local date and time written in ISA and GS.
public struct InterchangeEnvelope: Sendable, Equatable {
    /// ISA05, usually `ZZ` (mutually defined) as assigned by the clearinghouse.
    public var senderQualifier: String
    /// ISA06 and GS02, 2 to 15 characters.
    public var senderID: String
    /// ISA07, usually `ZZ`.
    public var receiverQualifier: String
    /// ISA08 and GS03, 2 to 15 characters.
    public var receiverID: String
    /// ISA13/IEA02, 1 to 999999999, written zero-padded to nine digits.
    public var controlNumber: Int
    /// GS06/GE02, 1 to 999999999.
    public var groupControlNumber: Int
    public var usage: InterchangeUsage
    public var createdAt: Date
    public var timeZone: TimeZone
    /// ISA14: asks the receiver for a TA1 interchange acknowledgment.
    public var acknowledgmentRequested: Bool

    public init(
        senderQualifier: String = "ZZ", senderID: String, receiverQualifier: String = "ZZ", receiverID: String,
        controlNumber: Int, groupControlNumber: Int, usage: InterchangeUsage, createdAt: Date, timeZone: TimeZone,
        acknowledgmentRequested: Bool = false
    ) {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.controlNumber = controlNumber
        self.groupControlNumber = groupControlNumber
        self.usage = usage
        self.createdAt = createdAt
        self.timeZone = timeZone
        self.acknowledgmentRequested = acknowledgmentRequested
    }
}

/// ISA15: a test interchange is validated by the receiver but never adjudicated.
public enum InterchangeUsage: String, Sendable, Equatable {
    case test = "T"
    case production = "P"
}
