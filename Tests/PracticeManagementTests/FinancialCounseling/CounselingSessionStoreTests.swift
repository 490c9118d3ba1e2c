import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// PM-32 sessions against PostgreSQL: FPL priced on the stored HHS tables, refusals that change
/// nothing, optimistic versions, the form snapshot, the preview and the guideline import.
@Suite("Financial counseling sessions")
struct CounselingSessionStoreTests {
    @Test("a session's income is annualized and priced on the 2026 table of the organization's region")
    func pricedOnRegion() async throws {
        for (state, expected) in [("AZ", "115.53"), ("AK", "92.42"), ("HI", "100.44")] {
            try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
                let f = try await FinancialCounselingFixture.make(db, state: state, zone: "America/Phoenix")
                let patient = try await f.patient("P-1")
                let counselor = f.counselor
                let session = try await f.tx { tx in
                    try await CounselingSessions.create(patientID: patient, CounselingSessionInput(
                        sessionDate: "2026-03-02", householdSize: 2,
                        // $25,000 a year: $800 every two weeks (20,800) and $350 a month (4,200).
                        incomeSources: [IncomeSourceInput(kind: "wages", amountCents: 80_000, frequency: "biweekly"),
                                        IncomeSourceInput(kind: "child_support", amountCents: 35_000, frequency: "monthly")],
                        counselorNotes: "Lives with partner"), by: counselor, in: tx)
                }
                #expect(session.annualIncomeCents == 2_500_000)
                #expect(session.guidelineYear == 2026)
                #expect(session.guidelineRegion == PovertyGuidelineRegion(stateCode: state))
                #expect(session.fplPercentage.description == expected, "\(state)")
                #expect(session.incomeSources.map(\.frequency) == [.biweekly, .monthly])
                #expect(session.version == 1)
                // The audit entry carries ids and codes, never the income or the notes.
                let audit = try await f.auditText().joined(separator: "\n")
                #expect(audit.contains("financial-counseling.session-recorded"))
                #expect(!audit.contains("2500000") && !audit.contains("80000") && !audit.contains("partner") && !audit.contains(expected))
            }
        }
    }

    @Test("a 2025 session uses the 2025 table (effective 15 January 2025); a date before any table is refused and nothing is written")
    func guidelineByDate() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let s2025 = try await f.session(patient, date: "2025-06-01", household: 1, annualCents: 1_565_000)
            #expect(s2025.guidelineYear == 2025)
            #expect(s2025.fplPercentage == FPLPercentage(hundredths: 10_000))
            let before = try await f.count("pm_financial_counseling_sessions")
            await #expect { try await f.session(patient, date: "2025-01-14", annualCents: 1_000_000) } throws: { error in
                (error as? DomainError)?.code == "NO_POVERTY_GUIDELINE" && (error as? DomainError)?.field == "session_date"
            }
            #expect(try await f.count("pm_financial_counseling_sessions") == before)
        }
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var input: CounselingSessionInput
        var field: String
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "negative income", input: CounselingSessionInput(sessionDate: "2026-03-02", householdSize: 1,
                                                                        incomeSources: [IncomeSourceInput(kind: "wages", amountCents: -100, frequency: "monthly")]),
                 field: "income_sources[0].amount_cents"),
        BadInput(name: "household of 0", input: CounselingSessionInput(sessionDate: "2026-03-02", householdSize: 0, incomeSources: []), field: "household_size"),
        BadInput(name: "unknown frequency", input: CounselingSessionInput(sessionDate: "2026-03-02", householdSize: 1,
                                                                          incomeSources: [IncomeSourceInput(kind: "wages", amountCents: 100, frequency: "hourly")]),
                 field: "income_sources[0].frequency"),
        BadInput(name: "impossible date", input: CounselingSessionInput(sessionDate: "2026-02-30", householdSize: 1, incomeSources: []), field: "session_date"),
    ]

    @Test("bad input is a 422 naming the field, and nothing is written", arguments: badInputs)
    func refusedInput(_ bad: BadInput) async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let counselor = f.counselor
            await #expect { try await f.tx { tx in try await CounselingSessions.create(patientID: patient, bad.input, by: counselor, in: tx) } } throws: { error in
                (error as? DomainError)?.kind == .unprocessable && (error as? DomainError)?.field == bad.field
            }
            #expect(try await f.count("pm_financial_counseling_sessions") == 0)
            #expect(try await f.count("pm_financial_counseling_income_sources") == 0)
        }
    }

    @Test("an unknown patient, or another organization's, is a 404")
    func unknownPatient() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let other = try await FinancialCounselingFixture.make(db)
            let theirs = try await other.patient("P-9")
            for patient in [UUID(), theirs] {
                await #expect(throws: DomainError.notFound("patient")) { try await f.session(patient, annualCents: 1_000_000) }
            }
            #expect(try await f.count("pm_financial_counseling_sessions") == 0)
        }
    }

    @Test("an update with the current version reprices and bumps it; a stale version is a 409 that changes nothing")
    func optimisticUpdate() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let created = try await f.session(patient, household: 1, annualCents: 1_596_000)
            let verifiedAt = Date(timeIntervalSince1970: 1_772_000_000)
            let input = CounselingSessionInput(sessionDate: "2026-03-02", householdSize: 3, incomeSources: [
                IncomeSourceInput(kind: "wages", amountCents: 2_000_000, frequency: "yearly"), IncomeSourceInput(kind: "other", amountCents: 73_200, frequency: "yearly"),
            ], incomeVerifiedAt: verifiedAt)
            let counselor = f.counselor
            let updated = try await f.tx { tx in try await CounselingSessions.update(created.id, expectedVersion: 1, input, by: counselor, in: tx) }
            #expect(updated.version == 2)
            #expect(updated.householdSize == 3)
            #expect(updated.fplPercentage.description == "75.89") // 20,732 ÷ 27,320 = 0.758858
            #expect(updated.incomeSources.count == 2)
            #expect(updated.incomeVerifiedBy == counselor.userID)
            await #expect { try await f.tx { tx in try await CounselingSessions.update(created.id, expectedVersion: 1, input, by: counselor, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "STALE_VERSION" && ($0 as? DomainError)?.kind == .conflict
            }
            let reread = try await f.tx { tx in try await CounselingSessions.find(created.id, in: tx) }
            #expect(reread == updated)
            await #expect(throws: DomainError.notFound("financial counseling session")) {
                try await f.tx { tx in try await CounselingSessions.update(UUID(), expectedVersion: 1, input, by: counselor, in: tx) }
            }
        }
    }

    @Test("a session on a form keeps its snapshot when the template gets a new version and the session is edited; the database refuses to change it")
    func formSnapshot() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let counselor = f.counselor
            let form = try await f.tx { tx in
                try await Forms.create(key: "income-intake", name: "Income intake", template: FormTemplate(fields: [
                    FormField(key: "employer", label: "Employer", kind: .text, required: true),
                    FormField(key: "pay_stubs_seen", label: "Pay stubs seen", kind: .boolean),
                ]), by: counselor, in: tx)
            }
            let input = CounselingSessionInput(sessionDate: "2026-03-02", householdSize: 1, incomeSources: [])
            await #expect { try await f.tx { tx in
                try await CounselingSessions.create(patientID: patient, input, form: CounselingFormInput(formID: form.formID, version: 1, answers: [:]),
                                                    by: counselor, in: tx)
            } } throws: { ($0 as? DomainError)?.field == "answers.employer" }
            let session = try await f.tx { tx in
                try await CounselingSessions.create(patientID: patient, input, form: CounselingFormInput(
                    formID: form.formID, version: 1, answers: ["employer": .text("Acme"), "pay_stubs_seen": .boolean(true)]), by: counselor, in: tx)
            }
            let snapshot = try #require(session.formSnapshot)
            _ = try await f.tx { tx in
                try await Forms.addVersion(formID: form.formID, template: FormTemplate(fields: [FormField(key: "employer_name", label: "Employer name", kind: .text)]),
                                           by: counselor, in: tx)
            }
            let edited = try await f.tx { tx in try await CounselingSessions.update(session.id, expectedVersion: 1, input, by: counselor, in: tx) }
            #expect(edited.formSnapshot == snapshot)
            #expect(snapshot.fields.map(\.key) == ["employer", "pay_stubs_seen"])
            await #expect(throws: DomainError.self) {
                try await f.tx { tx in try await tx.query("UPDATE pm_financial_counseling_sessions SET form_snapshot = '{}'::jsonb WHERE id = \(session.id)") }
            }
        }
    }

    @Test("the preview prices income and names the tier without writing anything")
    func previewHasNoSideEffects() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let counselor = f.counselor
            try await f.tx { tx in _ = try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate("2026-01-01")!), by: counselor, in: tx) }
            let auditBefore = try await f.count("pf_audit_log")
            let preview = try await f.tx { tx in
                try await FPLPreview.compute(householdSize: 4, incomeSources: [IncomeSourceInput(kind: "wages", amountCents: 165_000, frequency: "semimonthly")],
                                             annualIncomeCents: nil, date: "2026-04-01", stateCode: nil, in: tx)
            }
            #expect(preview.annualIncomeCents == 3_960_000)
            #expect(preview.guidelineCents == 3_300_000)
            #expect(preview.fplPercentage.description == "120.00")
            #expect(preview.tier?.label == "B")
            let alaska = try await f.tx { tx in
                try await FPLPreview.compute(householdSize: 1, incomeSources: nil, annualIncomeCents: 1_995_000, date: "2026-04-01", stateCode: "AK", in: tx)
            }
            #expect(alaska.guidelineRegion == .alaska && alaska.fplPercentage.description == "100.00" && alaska.tier?.label == "A")
            await #expect { try await f.tx { tx in
                try await FPLPreview.compute(householdSize: 0, incomeSources: nil, annualIncomeCents: 1, date: "2026-04-01", stateCode: nil, in: tx)
            } } throws: { ($0 as? DomainError)?.field == "household_size" }
            #expect(try await f.count("pf_audit_log") == auditBefore)
            #expect(try await f.count("pm_financial_counseling_sessions") == 0)
        }
    }

    @Test("an imported year prices later sessions; importing the same year again is a 409")
    func importYear() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let patient = try await f.patient("P-1")
            let counselor = f.counselor
            let file = PovertyGuidelineImport(year: 2027, effectiveFrom: "2027-01-12", source: "test import", regions: [
                "contiguous": .init(firstPersonCents: 1_630_000, additionalPersonCents: 580_000),
                "alaska": .init(firstPersonCents: 2_040_000, additionalPersonCents: 725_000),
                "hawaii": .init(firstPersonCents: 1_875_000, additionalPersonCents: 667_000)])
            try await f.tx { tx in _ = try await PovertyGuidelines.add(file, by: counselor, in: tx) }
            let session = try await f.session(patient, date: "2027-03-01", household: 2, annualCents: 2_210_000)
            #expect(session.guidelineYear == 2027 && session.fplPercentage == FPLPercentage(hundredths: 10_000))
            await #expect { try await f.tx { tx in _ = try await PovertyGuidelines.add(file, by: counselor, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "GUIDELINE_YEAR_EXISTS"
            }
            #expect(try await f.count("pm_poverty_guidelines") == 9)
        }
    }
}
