public import Foundation
public import Platform

/// One FUH discharge or FUM ED visit as the follow-up rules count it: whose, on which date,
/// whether a stay began from that date through 30 days after it (FUH: another stay, a
/// readmission; FUM: an admission), and the first follow-up visit of its 30-day window. The rules
/// derive these from encounters (`candidates(of:in:)` of each measure); the period's computation
/// reads them in SQL, one row per event (`FollowUpCandidateReads`).
public struct FollowUpCandidate: Sendable, Hashable {
    public let patientID: UUID
    public let date: ServiceDate
    public let admittedWithin30Days: Bool
    public let firstFollowUp: ServiceDate?

    public init(patientID: UUID, date: ServiceDate, admittedWithin30Days: Bool, firstFollowUp: ServiceDate?) {
        self.patientID = patientID
        self.date = date
        self.admittedWithin30Days = admittedWithin30Days
        self.firstFollowUp = firstFollowUp
    }
}
