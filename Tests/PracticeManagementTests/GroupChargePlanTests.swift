import Foundation
import Platform
import PracticeManagement
import Testing

/// The pure charge rule for a documented group session, under the AHCCCS defaults
/// (8-minute minimum, 15-minute units).
@Suite("Group charge plan")
struct GroupChargePlanTests {
    static let payer = UUID()
    static let since = EffectivePeriod(from: ServiceDate("2025-01-01")!)
    static let engine = BillingRulesEngine(
        jurisdiction: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil),
        feeSchedule: FeeSchedule(mappings: [ServiceCodeMapping(serviceType: "process_group", procedureCode: "H0005", period: since)],
                                 fees: [FeeScheduleEntry(procedureCode: "H0005", unitRateCents: 1_325, period: since)]))
    static let bands = [payer: [GroupSizeBand(minParticipants: 2, maxParticipants: 3, unitRateCents: 1_600),
                                GroupSizeBand(minParticipants: 5, maxParticipants: 8, unitRateCents: 1_200)]]

    static func session(_ statuses: [AttendanceStatus], minutes: Int = 60, groupType: String = "process_group") -> GroupSessionDocumented.Payload {
        let end = String(format: "%02d:%02d", 9 + minutes / 60, minutes % 60)
        return GroupSessionDocumented.Payload(
            header: GroupSessionHeader(id: UUID(), scheduleID: nil, sessionDate: ServiceDate("2026-03-02")!, startTime: "09:00", endTime: end,
                                       durationMinutes: minutes, facilityID: UUID(), groupType: groupType),
            facilitatorId: nil, attendees: statuses.map { .init(patientId: UUID(), attendanceStatus: $0, participationLevel: nil) },
            revision: 1, trigger: .finalized,
            metadata: .init(organizationId: UUID(), userId: nil, timestamp: Date(), correlationId: UUID()))
    }

    static func plan(_ session: GroupSessionDocumented.Payload, covered: Bool = true) -> GroupChargePlan {
        let payers = covered ? Dictionary(uniqueKeysWithValues: session.attendees.map { ($0.patientId, payer) }) : [:]
        return planGroupCharges(session, primaryPayers: payers, bands: bands, engine: engine, autoApplyU7: false, autoApplyUB: false)
    }

    @Test("ATTENDED and LATE members are charged; ABSENT and SCHEDULED are not; the count is the billable one")
    func billableOnly() {
        let session = Self.session([.attended, .late, .absent, .scheduled, .attended])
        let plan = Self.plan(session)
        #expect(session.participantCount == 3)
        #expect(Set(plan.lines.map(\.patientID)) == Set(session.attendees.filter { $0.attendanceStatus.isBillable }.map(\.patientId)))
        #expect(plan.problem == nil)
    }

    @Test("the band for the billable count sets the rate; between bands it is the next band down", arguments: [
        (3, 1_600), (4, 1_600), (6, 1_200),
    ])
    func bandRate(billable: Int, rate: Int) {
        let plan = Self.plan(Self.session(Array(repeating: .attended, count: billable)))
        #expect(plan.lines.count == billable)
        #expect(plan.lines.allSatisfy { $0.unitRateCents == rate && $0.rateSource == .groupSizeBand })
        // 60 minutes in 15-minute units.
        #expect(plan.lines.allSatisfy { $0.units == 4 && $0.amountCents == 4 * rate && $0.procedureCode == "H0005" })
    }

    @Test("the group modifier needs two billable members")
    func groupModifier() {
        #expect(Self.plan(Self.session([.attended, .attended])).lines.allSatisfy { $0.modifiers.contains("HQ") })
        // A lone member is priced from the fee schedule here (uncovered), so the line exists to carry no HQ.
        let lone = Self.plan(Self.session([.attended, .absent]), covered: false)
        #expect(lone.lines.count == 1)
        #expect(lone.lines.allSatisfy { !$0.modifiers.contains("HQ") })
    }

    @Test("below the payer's smallest band nobody is charged under that payer, with the preview's code", arguments: [
        // (billable members, covered members, charges, refused) with bands 2–3 and 5–8.
        (1, 1, 0, true), (1, 0, 1, false), (2, 2, 2, false),
    ])
    func belowSmallestBand(billable: Int, covered: Int, charged: Int, refused: Bool) {
        let session = Self.session(Array(repeating: .attended, count: billable) + [.absent])
        let payers = Dictionary(uniqueKeysWithValues: session.attendees.prefix(covered).map { ($0.patientId, Self.payer) })
        let plan = planGroupCharges(session, primaryPayers: payers, bands: Self.bands, engine: Self.engine, autoApplyU7: false, autoApplyUB: false)
        #expect(plan.lines.count == charged)
        #expect((plan.problem?.code == "GROUP_BELOW_SMALLEST_BAND") == refused)
        let preview = previewGroupBilling(participants: session.attendees.map { GroupParticipant(status: $0.attendanceStatus) },
                                          payer: covered > 0 ? PayerGroupRules(payerID: Self.payer, payerName: "Plan", supervision: nil, bands: Self.bands[Self.payer]!) : nil,
                                          durationMinutes: session.header.durationMinutes,
                                          billing: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil).billing)
        #expect(preview.warnings.contains { $0.code == .groupBelowSmallestBand } == refused)
    }

    @Test("a member without coverage is priced from the fee schedule")
    func uncovered() {
        let plan = Self.plan(Self.session([.attended, .attended]), covered: false)
        #expect(plan.lines.allSatisfy { $0.payerID == nil && $0.unitRateCents == 1_325 && $0.rateSource == .feeSchedule })
    }

    @Test("below the minimum duration, nobody is charged and the reason names the minutes")
    func belowMinimum() {
        let plan = Self.plan(Self.session([.attended, .attended], minutes: 5))
        #expect(plan.lines.isEmpty)
        #expect(plan.problem?.code == "BELOW_MINIMUM_DURATION")
        #expect(plan.problem?.message.contains("5 minutes") == true)
    }

    @Test("an unmapped group type and a session with nobody billable each say why")
    func problems() {
        #expect(Self.plan(Self.session([.attended, .attended], groupType: "art_group")).problem?.code == "UNMAPPED_SERVICE_TYPE")
        #expect(Self.plan(Self.session([.absent, .absent])).problem?.code == "NO_BILLABLE_ATTENDEES")
    }
}
