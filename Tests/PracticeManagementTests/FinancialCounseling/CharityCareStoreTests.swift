import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// PM-16 / PM-32 charity care against PostgreSQL: the supervisor-only decision, the status
/// machine, the default expiration and the live indicator on the organization's date.
@Suite("Charity care applications")
struct CharityCareStoreTests {
    @Test("a counselor submits; only a holder of approve_charity approves; the indicator is live until the expiration day")
    func approveAndIndicator() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let session = try await f.session(patient, annualCents: 1_000_000)
            let (counselor, supervisor) = (f.counselor, f.supervisor)
            let application = try await f.tx { tx in try await CharityCareApplications.submit(sessionID: session.id, by: counselor, in: tx) }
            #expect(application.status == .submitted && application.patientID == patient)
            await #expect(throws: DomainError.forbidden(missing: .financialCounselingApproveCharity)) {
                try await f.tx { tx in _ = try await CharityCareApplications.approve(application.id, discountPercent: 100, by: counselor, in: tx) }
            }
            #expect(try await f.tx { tx in try await CharityCareApplications.find(application.id, in: tx) }.status == .submitted)
            // 2026-06-15 at 05:00 UTC is still the 14th in Phoenix: the default expiration is 2027-06-14.
            let now = ISO8601DateFormatter().date(from: "2026-06-15T05:00:00Z")!
            let approved = try await f.tx { tx in try await CharityCareApplications.approve(application.id, discountPercent: 75, by: supervisor, now: now, in: tx) }
            #expect(approved.status == .approved && approved.approvedBy == supervisor.userID && approved.discountPercent == 75)
            #expect(approved.expirationDate == ServiceDate("2027-06-14"))
            await #expect { try await f.tx { tx in _ = try await CharityCareApplications.deny(application.id, reason: "late", by: supervisor, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "ILLEGAL_TRANSITION" && ($0 as? DomainError)?.kind == .conflict
            }
            for (day, active) in [("2027-06-13", true), ("2027-06-14", false)] {
                let standing = try await f.tx { tx in try await CharityIndicator.standing(patientID: patient, on: ServiceDate(day)!, in: tx) }
                #expect((standing != nil) == active, "\(day)")
            }
            // The organization's date decides: 06:00 UTC on the 14th is the 13th in Phoenix (on), 08:00 UTC is the 14th (off).
            let stillOn = try await f.tx { tx in try await CharityIndicator.standing(patientID: patient, now: ISO8601DateFormatter().date(from: "2027-06-14T06:00:00Z")!, in: tx) }
            let off = try await f.tx { tx in try await CharityIndicator.standing(patientID: patient, now: ISO8601DateFormatter().date(from: "2027-06-14T08:00:00Z")!, in: tx) }
            #expect(stillOn?.discountPercent == 75 && off == nil)
            let changed = try await f.tx { tx in
                try await CharityCareApplications.changeExpiration(application.id, to: ServiceDate("2027-12-31")!, expectedVersion: approved.version, by: supervisor, in: tx)
            }
            #expect(changed.expirationDate == ServiceDate("2027-12-31"))
            await #expect { try await f.tx { tx in
                _ = try await CharityCareApplications.changeExpiration(application.id, to: ServiceDate("2028-01-31")!, expectedVersion: approved.version, by: supervisor, in: tx)
            } } throws: { ($0 as? DomainError)?.code == "STALE_VERSION" }
        }
    }

    @Test("a denial needs a reason, keeps it out of the audit log, and a denied application cannot be approved")
    func deny() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let session = try await f.session(patient, annualCents: 9_000_000)
            let (counselor, supervisor) = (f.counselor, f.supervisor)
            let application = try await f.tx { tx in try await CharityCareApplications.submit(sessionID: session.id, by: counselor, in: tx) }
            await #expect { try await f.tx { tx in _ = try await CharityCareApplications.deny(application.id, reason: "  ", by: supervisor, in: tx) } } throws: {
                ($0 as? DomainError)?.field == "denial_reason"
            }
            let denied = try await f.tx { tx in try await CharityCareApplications.deny(application.id, reason: "Household income above 400 % FPL", by: supervisor, in: tx) }
            #expect(denied.status == .denied && denied.denialReason == "Household income above 400 % FPL")
            await #expect { try await f.tx { tx in _ = try await CharityCareApplications.approve(application.id, discountPercent: 100, by: supervisor, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "ILLEGAL_TRANSITION"
            }
            #expect(!(try await f.auditText().joined().contains("Household income")))
            #expect(try await f.tx { tx in try await CharityIndicator.standing(patientID: patient, on: ServiceDate("2026-06-01")!, in: tx) } == nil)
        }
    }

    @Test("the seed's index serves the indicator as one range probe of the patient's approvals")
    func indicatorUsesIndex() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = UUID()
            // An empty table would be read sequentially; what matters is that the index can answer the whole condition.
            let forced = try await db.owner.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: db.logger)
                var lines: [String] = []
                for try await line in try await connection.query("""
                    EXPLAIN (COSTS OFF) SELECT id FROM pm_charity_care_applications
                    WHERE organization_id = \(f.tenant.organizationID) AND patient_id = \(patient) AND approved_at IS NOT NULL AND expiration_date > '2026-06-01'::date
                    """, logger: db.logger).decode(String.self) { lines.append(line) }
                return lines.joined(separator: "\n")
            }
            #expect(forced.contains("idx_pm_charity_care_applications_patient"), "\(forced)")
            #expect(forced.contains("Cond: ((organization_id = ") && forced.contains("(expiration_date >"), "\(forced)")
        }
    }
}
