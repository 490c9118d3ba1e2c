public import Foundation

/// A patient's referral to an assistance program (PM-02 via PM-32), with the time of each move.
public struct AssistanceReferral: Sendable, Hashable, Codable {
    public let id: UUID
    public let patientID: UUID
    public let program: AssistanceProgram
    public let applicationStatus: AssistanceReferralStatus
    /// The coverage (policy) the program granted; set by the approval.
    public let policyID: UUID?
    public let identifiedAt: Date
    public let referredAt: Date?
    public let applicationSubmittedAt: Date?
    public let approvedAt: Date?
    public let deniedAt: Date?
    public let withdrawnAt: Date?
    /// Increases with every move; a move names the version it was made from.
    public let version: Int
}

/// What an approval found when it ran the linked coverage's eligibility check.
public struct AssistanceReferralMove: Sendable, Hashable {
    public let referral: AssistanceReferral
    /// Present when the move was an approval.
    public let eligibility: CoverageEligibility?
}
