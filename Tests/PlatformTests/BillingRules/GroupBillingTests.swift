import Foundation
import Platform
import Testing

@Suite("Group billing helpers")
struct GroupBillingTests {
    static let rosters: [(name: String, roster: [GroupParticipant], billable: Int, supervisors: Int)] = [
        ("empty", [], 0, 0),
        ("one attended", [GroupParticipant(status: .attended)], 1, 0),
        ("late counts", [GroupParticipant(status: .late)], 1, 0),
        ("absent does not", [GroupParticipant(status: .absent)], 0, 0),
        ("scheduled does not", [GroupParticipant(status: .scheduled)], 0, 0),
        ("supervisor never billable", [GroupParticipant(status: .attended, isSupervisor: true)], 0, 1),
        ("absent supervisor not present", [GroupParticipant(status: .absent, isSupervisor: true)], 0, 0),
        ("mixed", [
            GroupParticipant(status: .attended),
            GroupParticipant(status: .late),
            GroupParticipant(status: .absent),
            GroupParticipant(status: .scheduled),
            GroupParticipant(status: .attended),
            GroupParticipant(status: .late, isSupervisor: true),
            GroupParticipant(status: .attended, isSupervisor: true),
            GroupParticipant(status: .scheduled, isSupervisor: true),
        ], 3, 2),
    ]

    @Test("billable participants and present supervisors", arguments: rosters)
    func counts(row: (name: String, roster: [GroupParticipant], billable: Int, supervisors: Int)) {
        #expect(countBillableParticipants(row.roster) == row.billable, "\(row.name)")
        #expect(countPresentSupervisors(row.roster) == row.supervisors, "\(row.name)")
    }

    static let small = GroupSizeBand(minParticipants: 2, maxParticipants: 4, unitRateCents: 1_200)
    static let medium = GroupSizeBand(minParticipants: 6, maxParticipants: 8, unitRateCents: 900)
    static let large = GroupSizeBand(minParticipants: 10, maxParticipants: 12, unitRateCents: 700)
    static let bands = [medium, large, small] // deliberately unsorted

    static let bandRows: [(count: Int, expected: GroupSizeBandResolution)] = [
        (-1, .none),
        (0, .none),
        (1, .belowSmallestBand(smallest: small, billableCount: 1)),
        (2, .exact(small)),
        (3, .exact(small)),
        (4, .exact(small)),
        (5, .nextBandDown(small, mismatch: 5)),
        (6, .exact(medium)),
        (8, .exact(medium)),
        (9, .nextBandDown(medium, mismatch: 9)),
        (10, .exact(large)),
        (12, .exact(large)),
        (13, .nextBandDown(large, mismatch: 13)),
        (40, .nextBandDown(large, mismatch: 40)),
    ]

    @Test("band resolution: exact, between bands, below, above", arguments: bandRows)
    func band(row: (count: Int, expected: GroupSizeBandResolution)) {
        let resolution = resolveGroupSizeBand(billableCount: row.count, bands: Self.bands)
        #expect(resolution == row.expected, "count \(row.count)")
        #expect(resolution.isMismatch == (row.count == 5 || row.count == 9 || row.count >= 13))
        #expect(resolution.isBelowSmallestBand == (row.count == 1))
    }

    /// (billable members, warning expected) with bands 2–4, 6–8 and 10–12.
    @Test("the preview names a group below the smallest band with its own code and no band rate", arguments: [
        (0, false), (1, true), (2, false),
    ])
    func belowSmallestBandPreview(billable: Int, warned: Bool) {
        let roster = Array(repeating: GroupParticipant(status: .attended), count: billable) + [GroupParticipant(status: .absent)]
        let preview = previewGroupBilling(participants: roster, payer: PayerGroupRules(payerID: UUID(), payerName: "Plan", supervision: nil, bands: Self.bands),
                                          durationMinutes: 60, billing: AHCCCSDefaults.billingRules)
        let warning = preview.warnings.first { $0.code == .groupBelowSmallestBand }
        #expect((warning != nil) == warned)
        #expect(preview.warnings.filter { $0.code == .groupSizeBandMismatch }.isEmpty)
        if warned {
            #expect(warning?.figures == ["billable_count": 1, "smallest_band_min": 2, "smallest_band_max": 4])
            #expect(preview.unitRateCents == nil, "not billable as a group: no band rate")
            #expect(preview.band == .belowSmallestBand(smallest: Self.small, billableCount: 1))
        }
    }

    @Test("no bands resolves to none", arguments: [0, 1, 5, 100])
    func noBands(count: Int) {
        #expect(resolveGroupSizeBand(billableCount: count, bands: []) == .none)
        #expect(resolveGroupSizeBand(billableCount: count, bands: []).band == nil)
    }

    @Test("overlapping bands: the one with the higher minimum wins")
    func overlappingBands() {
        let wide = GroupSizeBand(minParticipants: 2, maxParticipants: 10, unitRateCents: 1_000)
        let narrow = GroupSizeBand(minParticipants: 5, maxParticipants: 8, unitRateCents: 800)
        #expect(resolveGroupSizeBand(billableCount: 6, bands: [wide, narrow]) == .exact(narrow))
        #expect(resolveGroupSizeBand(billableCount: 6, bands: [narrow, wide]) == .exact(narrow))
        #expect(resolveGroupSizeBand(billableCount: 3, bands: [narrow, wide]) == .exact(wide))
    }

    static let ratioRows: [(billable: Int, supervisors: Int, max: Int, breach: Bool, allowed: Int)] = [
        (5, 1, 6, false, 6), // below
        (6, 1, 6, false, 6), // at
        (7, 1, 6, true, 6), // above
        (12, 2, 6, false, 12),
        (13, 2, 6, true, 12),
        (1, 0, 6, true, 0), // billable with nobody supervising
        (0, 0, 6, false, 0), // empty group
        (3, -1, 6, true, 0), // nonsense supervisor count treated as none
        (1, 1, 0, true, 0), // a rule allowing nobody
    ]

    @Test("supervision ratio at, below, above the limit and with no supervisor", arguments: ratioRows)
    func ratio(row: (billable: Int, supervisors: Int, max: Int, breach: Bool, allowed: Int)) {
        let result = checkSupervisionRatio(
            billableCount: row.billable,
            presentSupervisors: row.supervisors,
            rule: SupervisionRule(maxParticipantsPerSupervisor: row.max)
        )
        #expect(result.isBreach == row.breach)
        let expected: SupervisionRatioResult = row.breach
            ? .breach(billableCount: row.billable, allowed: row.allowed)
            : .withinRatio(billableCount: row.billable, allowed: row.allowed)
        #expect(result == expected)
    }

    @Test("huge supervisor counts do not overflow")
    func ratioOverflow() {
        let result = checkSupervisionRatio(billableCount: 10, presentSupervisors: .max, rule: SupervisionRule(maxParticipantsPerSupervisor: 2))
        #expect(result == .withinRatio(billableCount: 10, allowed: .max))
    }
}
