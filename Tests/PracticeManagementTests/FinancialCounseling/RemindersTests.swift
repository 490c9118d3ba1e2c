import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// PF-10 reminders from the daily job: who gets them, when, and never twice for one reason.
@Suite("Financial counseling reminders")
struct RemindersTests {
    @Test("30 days before a charity approval expires and 12 months after the last verified income, every manage holder is reminded once")
    func reminders() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let (counselor, supervisor) = (f.counselor, f.supervisor)
            let facilitator = try await f.tx { tx in
                try await Organizations.addStaff(email: "facilitator@example.org", displayName: "Facilitator", password: nil, roleKeys: ["facilitator"],
                                                 defaultFacilityID: nil, in: tx).userID
            }
            let patient = try await f.patient("P-1")
            // Income verified on 2025-06-01 (Phoenix): the annual review is due from 2026-06-01.
            let session = try await f.session(patient, date: "2025-06-01", annualCents: 1_000_000,
                                              verifiedAt: ISO8601DateFormatter().date(from: "2025-06-01T17:00:00Z")!)
            let application = try await f.tx { tx in try await CharityCareApplications.submit(sessionID: session.id, by: counselor, in: tx) }
            _ = try await f.tx { tx in
                try await CharityCareApplications.approve(application.id, discountPercent: 100, expirationDate: ServiceDate("2026-07-01")!, by: supervisor,
                                                          now: ISO8601DateFormatter().date(from: "2025-07-01T17:00:00Z")!, in: tx)
            }
            func run(_ instant: String) async throws -> Int {
                try await FinancialCounselingReminders.run(now: ISO8601DateFormatter().date(from: instant)!, database: db.database)
            }
            // 2026-05-31 in Phoenix: 31 days before expiry, a day before the review: nothing.
            #expect(try await run("2026-05-31T18:00:00Z") == 0)
            // 2026-06-01: both reasons, for the counselor and the supervisor (not the facilitator).
            #expect(try await run("2026-06-01T18:00:00Z") == 4)
            #expect(try await run("2026-06-01T19:00:00Z") == 0)
            #expect(try await run("2026-06-20T18:00:00Z") == 0)
            for user in [counselor.userID!, supervisor.userID!] {
                let inbox = try await f.tx { tx in try await Notifications.inbox(userID: user, in: tx) }
                #expect(Set(inbox.map(\.kind)) == ["pm.charity-care.expiring", "pm.financial-counseling.annual-review"])
                #expect(inbox.allSatisfy { $0.link == "/patients/\(patient.uuidString.lowercased())/financial" && !$0.title.contains("Ient") })
                #expect(try await f.tx { tx in try await Notifications.unreadCount(userID: user, in: tx) } == 2)
            }
            #expect(try await f.tx { tx in try await Notifications.inbox(userID: facilitator, in: tx) }.isEmpty)
            // A new verification is a new reason, due a year later.
            _ = try await f.session(patient, date: "2026-06-02", annualCents: 1_000_000, verifiedAt: ISO8601DateFormatter().date(from: "2026-06-02T17:00:00Z")!)
            #expect(try await run("2027-06-01T18:00:00Z") == 0)
            #expect(try await run("2027-06-02T18:00:00Z") == 2)
        }
    }
}
