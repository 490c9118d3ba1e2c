public import Foundation
public import Platform

/// Where a charity care application stands: submitted, then approved or denied.
public enum CharityCareStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case submitted, approved, denied
}

/// A charity care application (PM-16 / PM-32), made from a counseling session.
public struct CharityCareApplication: Sendable, Equatable, Codable {
    public let id: UUID
    public let patientID: UUID
    public let sessionID: UUID
    public let status: CharityCareStatus
    public let submittedAt: Date
    public let approvedAt: Date?
    public let approvedBy: UUID?
    /// 100 is a full discount.
    public let discountPercent: Int?
    public let expirationDate: ServiceDate?
    public let deniedAt: Date?
    public let denialReason: String?
    public let version: Int

    enum CodingKeys: String, CodingKey {
        case id, patientID = "patient_id", sessionID = "session_id", status, submittedAt = "submitted_at", approvedAt = "approved_at",
             approvedBy = "approved_by", discountPercent = "discount_percent", expirationDate = "expiration_date", deniedAt = "denied_at",
             denialReason = "denial_reason", version
    }

    /// The seed's indicator condition: approved and not expired on `today` (the organization's
    /// date); the expiration day itself is already expired.
    public func isIndicatorActive(on today: ServiceDate) -> Bool {
        CharityCareRules.isActive(approved: approvedAt != nil, expirationDate: expirationDate, on: today)
    }
}

/// The pure charity-care rules.
public enum CharityCareRules {
    /// Approved and (no expiration or expiring after `today`), per PM-32's join condition.
    public static func isActive(approved: Bool, expirationDate: ServiceDate?, on today: ServiceDate) -> Bool {
        guard approved else { return false }
        guard let expirationDate else { return true }
        return expirationDate > today
    }

    /// The default expiration: 12 months after the approval date (29 February → 28 February).
    public static func defaultExpiration(approvedOn date: ServiceDate) -> ServiceDate {
        ServiceDate(year: date.year + 1, month: date.month, day: date.day)
            ?? ServiceDate(year: date.year + 1, month: date.month, day: date.day - 1) ?? date
    }

    /// Days before expiry that the reminder is due.
    public static let reminderLeadDays = 30
}
