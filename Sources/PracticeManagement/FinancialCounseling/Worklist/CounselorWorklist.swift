public import Foundation
import PostgresNIO
public import Platform

/// A charity approval that expires within the reminder window.
public struct ExpiringCharityApproval: Sendable, Equatable, Codable {
    public let applicationID: UUID
    public let patientID: UUID
    public let expirationDate: ServiceDate

    enum CodingKeys: String, CodingKey { case applicationID = "application_id", patientID = "patient_id", expirationDate = "expiration_date" }
}

/// A patient whose last verified income is 12 months old or more.
public struct AnnualReviewDue: Sendable, Equatable, Codable {
    public let patientID: UUID
    /// The organization's date of the latest verification.
    public let verifiedOn: ServiceDate

    enum CodingKeys: String, CodingKey { case patientID = "patient_id", verifiedOn = "verified_on" }
}

/// What a counselor has to follow up on a given day: the same reads the daily reminders use.
public struct CounselorWorklist: Sendable, Equatable, Codable {
    public let today: ServiceDate
    public let expiringApprovals: [ExpiringCharityApproval]
    public let reviewsDue: [AnnualReviewDue]

    enum CodingKeys: String, CodingKey { case today, expiringApprovals = "expiring_approvals", reviewsDue = "reviews_due" }

    /// The worklist on the organization's date at `now`.
    public static func load(now: Date = Date(), in tx: TenantTransaction) async throws -> CounselorWorklist {
        let zone = try await Organizations.timeZone(facility: nil, in: tx)
        let today = ServiceDate.today(in: zone, now: now)
        return CounselorWorklist(today: today, expiringApprovals: try await expiringApprovals(on: today, in: tx),
                                 reviewsDue: try await reviewsDue(on: today, zone: zone, in: tx))
    }

    /// Approvals in force whose expiration date falls within the next 30 days.
    public static func expiringApprovals(on today: ServiceDate, in tx: TenantTransaction) async throws -> [ExpiringCharityApproval] {
        let horizon = today.adding(days: CharityCareRules.reminderLeadDays) ?? today
        var found: [ExpiringCharityApproval] = []
        for try await (application, patient, expiration) in try await tx.query("""
            SELECT id, patient_id, to_char(expiration_date, 'YYYY-MM-DD') FROM pm_charity_care_applications
            WHERE approved_at IS NOT NULL AND expiration_date > \(today.description)::date AND expiration_date <= \(horizon.description)::date
            ORDER BY expiration_date, id
            """).decode((UUID, UUID, String).self) {
            guard let date = ServiceDate(expiration) else { continue }
            found.append(ExpiringCharityApproval(applicationID: application, patientID: patient, expirationDate: date))
        }
        return found
    }

    /// Patients whose latest verified income (on the organization's calendar) is at least 12 months old.
    public static func reviewsDue(on today: ServiceDate, zone: TimeZone, in tx: TenantTransaction) async throws -> [AnnualReviewDue] {
        var found: [AnnualReviewDue] = []
        for try await (patient, verified) in try await tx.query("""
            SELECT patient_id, to_char(max(income_verified_at AT TIME ZONE \(zone.identifier)), 'YYYY-MM-DD')
            FROM pm_financial_counseling_sessions WHERE income_verified_at IS NOT NULL GROUP BY patient_id ORDER BY patient_id
            """).decode((UUID, String).self) {
            guard let verifiedOn = ServiceDate(verified), CharityCareRules.defaultExpiration(approvedOn: verifiedOn) <= today else { continue }
            found.append(AnnualReviewDue(patientID: patient, verifiedOn: verifiedOn))
        }
        return found
    }
}
