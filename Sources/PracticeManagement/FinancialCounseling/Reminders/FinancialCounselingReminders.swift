public import Foundation
import Logging
import PostgresNIO
public import Platform

/// The daily PF-10 reminders for financial counselors (every user holding
/// `pm.financial_counseling.manage`): one per charity approval 30 days before it expires, and
/// one annual review per patient 12 months after their last verified income. The reason key
/// (application and expiration date; patient and verification date) is unique per user, so a
/// rerun, a second process or a later day never repeats a reminder; a changed expiration or a
/// new verification is a new reason.
public enum FinancialCounselingReminders {
    public static let jobName = "pm.financial-counseling.reminders"

    /// The periodic job, once a day across processes.
    public static func job(database: Database, period: Duration = .seconds(86_400)) -> PeriodicJob {
        PeriodicJob(name: jobName, period: period) { _ in
            _ = try await run(now: Date(), database: database)
        }
    }

    /// Creates the reminders due at `now` in every organization; returns how many notifications
    /// it created. An organization whose transaction fails is logged (ids only) and retried by
    /// the next run; the others go on.
    @discardableResult
    public static func run(now: Date, database: Database) async throws -> Int {
        let organizations = try await database.withoutTenant { connection in
            var ids: [UUID] = []
            for try await id in try await connection.query("SELECT pf_organization_ids()", logger: database.logger).decode(UUID.self) { ids.append(id) }
            return ids
        }
        var created = 0
        for organization in organizations {
            do {
                created += try await database.withTenant(organization) { tx in try await run(now: now, in: tx) }
            } catch {
                database.logger.error("financial counseling reminders failed; retried next run", metadata: [
                    "organization_id": "\(organization)", "error_type": "\(type(of: error))"])
            }
        }
        return created
    }

    /// The reminders of the transaction's organization.
    public static func run(now: Date, in tx: TenantTransaction) async throws -> Int {
        let recipients = try await Notifications.recipients(holding: .financialCounselingManage, in: tx)
        guard !recipients.isEmpty else { return 0 }
        let zone = try await Organizations.timeZone(facility: nil, in: tx)
        let today = ServiceDate.today(in: zone, now: now)
        var created = 0
        for approval in try await CounselorWorklist.expiringApprovals(on: today, in: tx) {
            let id = approval.applicationID, date = approval.expirationDate.description
            created += try await remind(recipients, kind: "pm.charity-care.expiring", reason: "charity-expiry:\(id):\(date)",
                                        title: "Charity care approval \(id.uuidString.prefix(8).lowercased()) expires on \(date)",
                                        patient: approval.patientID, entity: ("charity_care_application", id), in: tx)
        }
        for review in try await CounselorWorklist.reviewsDue(on: today, zone: zone, in: tx) {
            let verified = review.verifiedOn.description
            created += try await remind(recipients, kind: "pm.financial-counseling.annual-review", reason: "annual-review:\(review.patientID):\(verified)",
                                        title: "Annual financial review due: income last verified on \(verified)",
                                        patient: review.patientID, entity: ("patient", review.patientID), in: tx)
        }
        return created
    }

    private static func remind(_ recipients: [UUID], kind: String, reason: String, title: String, patient: UUID, entity: (String, UUID),
                               in tx: TenantTransaction) async throws -> Int {
        let notified = try await Notifications.notify(userIDs: recipients, kind: kind, reasonKey: reason, title: title,
                                                      link: "/patients/\(patient.uuidString.lowercased())/financial", in: tx)
        guard !notified.isEmpty else { return 0 }
        try await AuditLog.record(AuditEntry(action: "notification.created", entityType: entity.0, entityID: entity.1.uuidString,
                                             details: ["kind": kind, "recipients": String(notified.count)]), by: nil, in: tx)
        return notified.count
    }
}
