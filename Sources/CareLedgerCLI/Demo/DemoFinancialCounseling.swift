import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// The demo's financial counseling: the standard sliding-fee schedule, counseling sessions for
/// the first three patients (one verified at 140 % FPL, one at 80 %, one unverified), a charity
/// approval that expires within the reminder window, a submitted application for the
/// supervisor, a few self-pay charges and a payment, so statements and the worklist have
/// something to show. Loaded once per organization (the schedule marks it done).
enum DemoFinancialCounseling {
    static func load(organizationID: UUID, database: Database) async throws {
        try await database.withTenant(organizationID) { tx in
            guard try await tx.rows("SELECT 1 FROM pm_sliding_fee_schedules LIMIT 1").isEmpty else { return }
            let admin = try await tx.rows("""
                SELECT m.user_id FROM pf_memberships m
                JOIN pf_membership_roles mr ON mr.organization_id = m.organization_id AND mr.membership_id = m.id
                JOIN pf_roles r ON r.organization_id = mr.organization_id AND r.id = mr.role_id
                WHERE r.key = 'administrator' ORDER BY m.user_id LIMIT 1
                """).first?.decode(UUID.self)
            let principal = Principal(organizationID: organizationID, userID: admin, credential: .system,
                                      permissions: [.financialCounselingView, .financialCounselingManage, .financialCounselingApproveCharity])
            let zone = try await Organizations.timeZone(facility: nil, in: tx)
            let today = ServiceDate.today(in: zone)
            try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate(year: 2025, month: 1, day: 15)!), by: principal, in: tx)
            let patients = try await Patients.list(limit: 3, offset: 0, in: tx)
            guard patients.count == 3 else { return }
            // Fixed dates inside the shipped 2026 guideline year, so the demo loads whatever day it is.
            let verified = try await CounselingSessions.create(patientID: patients[0].id, CounselingSessionInput(
                sessionDate: "2026-11-02", householdSize: 3,
                incomeSources: [IncomeSourceInput(kind: "wages", amountCents: 147_100, frequency: "biweekly")], // 38,246 a year: 139.99 % of 27,320
                incomeVerifiedAt: Date(), counselorNotes: "Two pay stubs reviewed."), by: principal, in: tx)
            let low = try await CounselingSessions.create(patientID: patients[1].id, CounselingSessionInput(
                sessionDate: "2026-11-09", householdSize: 1,
                incomeSources: [IncomeSourceInput(kind: "social_security", amountCents: 106_400, frequency: "monthly")], // 12,768: 80 %
                incomeVerifiedAt: Date()), by: principal, in: tx)
            _ = try await CounselingSessions.create(patientID: patients[2].id, CounselingSessionInput(
                sessionDate: "2026-11-16", householdSize: 2,
                incomeSources: [IncomeSourceInput(kind: "self_employment", amountCents: 250_000, frequency: "monthly")]), by: principal, in: tx)
            let approved = try await CharityCareApplications.submit(sessionID: low.id, by: principal, in: tx)
            _ = try await CharityCareApplications.approve(approved.id, discountPercent: 100,
                                                          expirationDate: today.adding(days: 20), by: principal, in: tx)
            _ = try await CharityCareApplications.submit(sessionID: verified.id, by: principal, in: tx)
            for (patient, days, cents) in [(patients[0].id, -20, 15_000), (patients[0].id, -6, 15_000), (patients[1].id, -13, 12_000)] {
                guard let date = today.adding(days: days) else { continue }
                try await tx.query("""
                    INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, procedure_code, modifiers,
                                            units, unit_rate_cents, amount_cents, profile_source)
                    VALUES (\(organizationID), \(UUID.random()), \(patient), \(date.description)::date, 'individual_counseling', 50, '{}'::jsonb, '90834',
                            \([String]()), 1, \(cents), \(cents), 'defaults')
                    """)
            }
            if let paid = today.adding(days: -5) {
                try await PatientPayments.record(patientID: patients[0].id, receivedOn: paid, amountCents: 2_000, method: .card, by: principal, in: tx)
            }
        }
    }
}
