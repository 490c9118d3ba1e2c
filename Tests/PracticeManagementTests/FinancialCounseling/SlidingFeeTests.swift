import Foundation
import Platform
import PracticeManagement
import Testing

/// PM-21: the schedule's HRSA shape, the tier at each boundary and PM-32's authoritative FPL.
@Suite("Sliding fee")
struct SlidingFeeTests {
    static let start = ServiceDate("2026-01-01")!
    static func fpl(_ text: String) -> FPLPercentage { FPLPercentage(text)! }
    static func band(_ label: String, _ from: String, _ to: String, _ charge: SlidingFeeCharge) -> SlidingFeeClass {
        SlidingFeeClass(label: label, minFPL: fpl(from), maxFPL: fpl(to), charge: charge)
    }

    @Test("the tier at and around each boundary of the standard schedule",
          arguments: [("0", "A"), ("100", "A"), ("100.01", "B"), ("125", "B"), ("125.01", "C"), ("150", "C"), ("150.01", "D"),
                      ("175", "D"), ("175.01", "E"), ("200", "E"), ("200.01", nil), ("350", nil)] as [(String, String?)])
    func tierBoundaries(fpl: String, label: String?) throws {
        let schedule = SlidingFeeSchedule.standard(effectiveFrom: Self.start)
        try schedule.validate()
        #expect(schedule.tier(for: Self.fpl(fpl))?.label == label)
    }

    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var classes: [SlidingFeeClass]
        var code: String
        var field: String
        var testDescription: String { name }
    }

    static let refused: [Shape] = [
        Shape(name: "gap between 125 and 125.02", classes: [band("A", "0", "100", .discountPercent(100)), band("B", "100.01", "125", .discountPercent(50)),
                                                            band("C", "125.02", "200", .discountPercent(20))], code: "SLIDING_FEE_GAP", field: "classes[2].min_fpl"),
        Shape(name: "overlap at 125", classes: [band("A", "0", "100", .discountPercent(100)), band("B", "100.01", "125", .discountPercent(50)),
                                                band("C", "125", "200", .discountPercent(20))], code: "SLIDING_FEE_OVERLAP", field: "classes[2].min_fpl"),
        Shape(name: "nothing from 0", classes: [band("A", "10", "200", .discountPercent(100))], code: "SLIDING_FEE_GAP", field: "classes[0].min_fpl"),
        Shape(name: "stops short of 200", classes: [band("A", "0", "100", .discountPercent(100)), band("B", "100.01", "199.99", .discountPercent(20))],
              code: "SLIDING_FEE_GAP", field: "classes"),
        Shape(name: "90 % off at or below 100", classes: [band("A", "0", "100", .discountPercent(90)), band("B", "100.01", "200", .discountPercent(20))],
              code: "SLIDING_FEE_NOT_FULL_AT_POVERTY", field: "classes[0].discount_percent"),
        Shape(name: "a class straddling 100 that is not full", classes: [band("A", "0", "50", .nominalFee(cents: 500)), band("B", "50.01", "150", .discountPercent(60)),
                                                                         band("C", "150.01", "200", .discountPercent(20))],
              code: "SLIDING_FEE_NOT_FULL_AT_POVERTY", field: "classes[1].discount_percent"),
        Shape(name: "a discount above 200", classes: [band("A", "0", "100", .discountPercent(100)), band("B", "100.01", "250", .discountPercent(10))],
              code: "SLIDING_FEE_ABOVE_200", field: "classes[1].max_fpl"),
    ]

    @Test("saving refuses a gap, an overlap, less than full at or below 100 %, or a discount above 200 %", arguments: refused)
    func refusedShapes(_ shape: Shape) {
        #expect { try SlidingFeeSchedule(effectiveFrom: Self.start, classes: shape.classes).validate() } throws: { error in
            guard let error = error as? DomainError else { return false }
            return error.code == shape.code && error.field == shape.field
        }
    }

    @Test("a full discount or a nominal fee at or below 100 %, classes given in any order, is accepted")
    func acceptedShapes() throws {
        try SlidingFeeSchedule(effectiveFrom: Self.start, classes: [Self.band("B", "100.01", "200", .discountPercent(25)),
                                                                    Self.band("A", "0", "100", .discountPercent(100))]).validate()
        try SlidingFeeSchedule(effectiveFrom: Self.start, classes: [Self.band("A", "0", "200", .nominalFee(cents: 1500))]).validate()
    }

    @Test("a version is in effect from its date until the next one's")
    func versionInEffect() {
        let first = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-01-01")!, classes: [Self.band("A", "0", "200", .discountPercent(100))])
        let second = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-07-01")!, classes: [Self.band("A", "0", "200", .nominalFee(cents: 100))])
        #expect(SlidingFeeSchedule.inEffect(on: ServiceDate("2025-12-31")!, among: [second, first]) == nil)
        #expect(SlidingFeeSchedule.inEffect(on: ServiceDate("2026-06-30")!, among: [second, first]) == first)
        #expect(SlidingFeeSchedule.inEffect(on: ServiceDate("2026-07-01")!, among: [second, first]) == second)
    }

    @Test("a discount is rounded half up to the cent; a nominal fee leaves at most the fee",
          arguments: [(SlidingFeeCharge.discountPercent(80), 12_345, 9_876), (.discountPercent(100), 5_000, 5_000), (.discountPercent(0), 5_000, 0),
                      (.discountPercent(50), 1, 1), (.nominalFee(cents: 2_000), 15_000, 13_000), (.nominalFee(cents: 2_000), 1_500, 0)])
    func adjustment(charge: SlidingFeeCharge, responsibility: Int, adjustment: Int) {
        #expect(charge.adjustment(onResponsibility: responsibility) == adjustment)
    }

    struct Choice: Sendable, CustomTestStringConvertible {
        var name: String
        /// (session date, verified, FPL)
        var sessions: [(String, Bool, String)]
        var chosenIndex: Int?
        var testDescription: String { name }
    }

    static let choices: [Choice] = [
        Choice(name: "no sessions", sessions: [], chosenIndex: nil),
        Choice(name: "none verified: the newest by date", sessions: [("2026-03-01", false, "90"), ("2026-05-01", false, "140"), ("2026-04-01", false, "120")],
               chosenIndex: 1),
        Choice(name: "a verified session beats a newer unverified one", sessions: [("2026-03-01", true, "90"), ("2026-05-01", false, "140")], chosenIndex: 0),
        Choice(name: "the newest verified of several", sessions: [("2026-02-01", true, "80"), ("2026-04-01", true, "130"), ("2026-06-01", false, "190")],
               chosenIndex: 1),
    ]

    @Test("the authoritative FPL: the newest verified session, else the newest session by date", arguments: choices)
    func authoritative(_ choice: Choice) {
        let base = Date(timeIntervalSince1970: 1_780_000_000)
        let records = choice.sessions.enumerated().map { index, session in
            CounselingFPLRecord(sessionID: UUID(), sessionDate: ServiceDate(session.0)!, incomeVerifiedAt: session.1 ? base : nil,
                                createdAt: base.addingTimeInterval(Double(index)), fplPercentage: FPLPercentage(session.2)!)
        }
        #expect(AuthoritativeFPL.choose(from: records) == choice.chosenIndex.map { records[$0] })
    }
}
