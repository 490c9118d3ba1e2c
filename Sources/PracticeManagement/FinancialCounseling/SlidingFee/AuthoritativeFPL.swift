public import Foundation
public import Platform

/// What the tier decision needs of one counseling session.
public struct CounselingFPLRecord: Sendable, Equatable {
    public let sessionID: UUID
    public let sessionDate: ServiceDate
    public let incomeVerifiedAt: Date?
    public let createdAt: Date
    public let fplPercentage: FPLPercentage

    public init(sessionID: UUID, sessionDate: ServiceDate, incomeVerifiedAt: Date?, createdAt: Date, fplPercentage: FPLPercentage) {
        self.sessionID = sessionID
        self.sessionDate = sessionDate
        self.incomeVerifiedAt = incomeVerifiedAt
        self.createdAt = createdAt
        self.fplPercentage = fplPercentage
    }
}

/// The patient's authoritative FPL, exactly as PM-32 defines it for PM-21: the most recent
/// session with verified income; when none is verified, the most recent session by date.
/// "Most recent" is by session date; two sessions on one day are ordered by verification time,
/// then by when they were recorded.
public enum AuthoritativeFPL {
    public static func choose(from sessions: [CounselingFPLRecord]) -> CounselingFPLRecord? {
        let verified = sessions.filter { $0.incomeVerifiedAt != nil }
        return (verified.isEmpty ? sessions : verified).max(by: isOlder)
    }

    static func isOlder(_ a: CounselingFPLRecord, _ b: CounselingFPLRecord) -> Bool {
        if a.sessionDate != b.sessionDate { return a.sessionDate < b.sessionDate }
        let aVerified = a.incomeVerifiedAt ?? .distantPast, bVerified = b.incomeVerifiedAt ?? .distantPast
        if aVerified != bVerified { return aVerified < bVerified }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.sessionID.uuidString < b.sessionID.uuidString
    }
}
