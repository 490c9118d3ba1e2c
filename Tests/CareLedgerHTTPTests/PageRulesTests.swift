@testable import CareLedgerHTTP
import Platform
import Testing

/// The pages' pure rules: the words shown for codes, which sections each role's navigation
/// offers, and when the session page may show its charges.
@Suite("Page rules")
struct PageRulesTests {
    @Test("group types read as their display names", arguments: [
        ("process_group", "Process group"),
        ("iop_group", "IOP group"),
        ("skills_group", "Skills group"),
        ("dbt_skills_group", "DBT skills group"),
        ("anger-management", "Anger management"),
        ("Relapse", "Relapse"),
    ])
    func groupTypes(code: String, words: String) {
        #expect(PlainWords.groupType(code) == words)
    }

    @Test("warning codes have titles in words; an unknown code reads as its words", arguments: [
        ("GROUP_UNATTENDED_BILLED", "Participants still scheduled"),
        ("GROUP_SIZE_BAND_MISMATCH", "Group size outside the payer's bands"),
        ("SUPERVISION_RATIO_BREACH", "Too few supervisors present"),
        ("PATIENT_ADDRESS_MISSING", "Patient address missing"),
    ])
    func warningTitles(code: String, title: String) {
        #expect(PlainWords.warningTitle(code) == title)
    }

    @Test("money and dates as people write them", arguments: [
        (0, "$0.00"), (5, "$0.05"), (9600, "$96.00"), (123_456_789, "$1,234,567.89"), (-250, "-$2.50"),
    ])
    func money(cents: Int, text: String) {
        #expect(PlainWords.money(cents) == text)
    }

    @Test("service dates read with the weekday; anything else is left as given")
    func dates() {
        #expect(PlainWords.date("2026-12-01") == "Tue 1 Dec 2026")
        #expect(PlainWords.date("not a date") == "not a date")
    }

    @Test("claims are named by kind and status in words", arguments: [
        ("1", "open", "Original", "Ready to send"),
        ("7", "exported", "Replacement", "Sent"),
        ("8", "corrected", "Void", "Replaced or voided"),
    ])
    func claimWords(frequency: String, status: String, kind: String, statusWords: String) {
        #expect(PlainWords.claimKind(frequencyCode: frequency) == kind)
        #expect(PlainWords.claimStatus(status) == statusWords)
    }

    @Test("each default role's navigation shows what it may use", arguments: [
        ("administrator", ["Home", "Group sessions", "Claims", "IOP/PHP compliance", "Quality measures", "Billing rules",
                           "Financial counseling", "Value-based purchasing"]),
        ("supervisor", ["Home", "Group sessions", "IOP/PHP compliance", "Quality measures", "Billing rules"]),
        ("facilitator", ["Home", "Group sessions", "Billing rules"]),
        ("billing", ["Home", "Group sessions", "Claims", "IOP/PHP compliance", "Billing rules"]),
        ("financial-counselor", ["Home", "Billing rules", "Financial counseling"]),
        ("finance", ["Home", "IOP/PHP compliance", "Billing rules", "Value-based purchasing"]),
    ])
    func navigation(role: String, sections: [String]) throws {
        let template = try #require(DefaultRoles.all.first { $0.key == role })
        #expect(NavigationSection.available(to: Set(template.permissions)).map(\.title) == sections)
    }

    typealias State = GroupSessionChargeState

    @Test("the charges card shows charges only when they agree with the preview", arguments: [
        // build (built, billable, active) | active charges (rate, preview payer) | preview (billable, band rate) | finalized | state
        (nil, [], 6, nil, false, State.awaitingDocumentation),
        (nil, [], 6, nil, true, State.beingBuilt),
        (State.Build(built: true, billableCount: 6, activeCharges: 6), Array(repeating: (1600, true), count: 6), 6, 1600, true, State.current),
        // A mark moved the billable count; the rebuild has not run yet.
        (State.Build(built: true, billableCount: 5, activeCharges: 5), Array(repeating: (1600, true), count: 5), 6, 1600, true, State.beingRebuilt),
        // The build ran but its charges are still being written (5 of 6 seen).
        (State.Build(built: true, billableCount: 6, activeCharges: 6), Array(repeating: (1600, true), count: 5), 6, 1600, true, State.beingRebuilt),
        // Charges priced at another band's rate than the one the preview applies.
        (State.Build(built: true, billableCount: 6, activeCharges: 6), Array(repeating: (2400, true), count: 6), 6, 1600, true, State.beingRebuilt),
        // Another payer's charges may have another rate.
        (State.Build(built: true, billableCount: 6, activeCharges: 6), [(2400, false)] + Array(repeating: (1600, true), count: 5), 6, 1600, true, State.current),
        (State.Build(built: false, billableCount: 0, activeCharges: 0), [], 0, nil, true, State.notBillable),
    ] as [(State.Build?, [(Int, Bool)], Int, Int?, Bool, State)])
    func chargeState(build: State.Build?, active: [(Int, Bool)], previewBillable: Int, bandRate: Int?, finalized: Bool, expected: State) {
        let charges = active.map { State.ActiveCharge(unitRateCents: $0.0, billedToPreviewPayer: $0.1) }
        #expect(State.decide(build: build, active: charges, preview: .init(billableCount: previewBillable, bandRateCents: bandRate),
                             finalized: finalized) == expected)
    }
}
