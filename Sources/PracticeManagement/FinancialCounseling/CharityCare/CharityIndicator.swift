public import Foundation
import PostgresNIO
public import Platform

/// A patient's live charity standing: the approval in force with the largest discount.
public struct CharityStanding: Sendable, Equatable, Codable {
    public let applicationID: UUID
    public let discountPercent: Int
    public let expirationDate: ServiceDate

    enum CodingKeys: String, CodingKey { case applicationID = "application_id", discountPercent = "discount_percent", expirationDate = "expiration_date" }
}

/// The charity indicator (PM-16 reading PM-32's table): a live read, never a copied flag.
public enum CharityIndicator {
    /// The patient's approval in force on `today` (the organization's date), or nil. One range
    /// probe of `idx_pm_charity_care_applications_patient`: approvals always carry an expiration
    /// date, so the seed's `expiration_date IS NULL` branch can never match and is not written.
    public static func standing(patientID: UUID, on today: ServiceDate, in tx: TenantTransaction) async throws -> CharityStanding? {
        try await standings(patients: [patientID], on: today, in: tx)[patientID]
    }

    /// The standing of each of a batch of patients that has one.
    public static func standings(patients: [UUID], on today: ServiceDate, in tx: TenantTransaction) async throws -> [UUID: CharityStanding] {
        var found: [UUID: CharityStanding] = [:]
        for try await (patient, id, percent, expiration) in try await tx.query("""
            SELECT DISTINCT ON (patient_id) patient_id, id, discount_percent, to_char(expiration_date, 'YYYY-MM-DD')
            FROM pm_charity_care_applications
            WHERE patient_id = ANY(\(patients)::uuid[]) AND approved_at IS NOT NULL AND expiration_date > \(today.description)::date
            ORDER BY patient_id, discount_percent DESC, expiration_date DESC
            """).decode((UUID, UUID, Int, String).self) {
            guard let date = ServiceDate(expiration) else { continue }
            found[patient] = CharityStanding(applicationID: id, discountPercent: percent, expirationDate: date)
        }
        return found
    }

    /// The standing on the organization's date at `now`.
    public static func standing(patientID: UUID, now: Date = Date(), in tx: TenantTransaction) async throws -> CharityStanding? {
        try await standing(patientID: patientID, on: try await CharityCareApplications.organizationToday(now: now, in: tx), in: tx)
    }
}
