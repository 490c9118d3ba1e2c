import Platform
import Testing

@Suite("Timed units: substantial-portion rule")
struct TimedUnitsTests {
    /// Expected units per minutes; `nil` means not billable. Written by hand from the rule.
    typealias Row = (minutes: Int, units: Int?)

    static let ahcccs8of15: [Row] = [
        (-5, nil), (0, nil), (1, nil), (7, nil),
        (8, 1), (15, 1), (22, 1),
        (23, 2), (30, 2), (37, 2),
        (38, 3), (45, 3), (52, 3),
        (53, 4), (60, 4), (67, 4),
        (68, 5), (82, 5), (83, 6),
        (480, 32),
    ]

    static let rules10of15: [Row] = [
        (0, nil), (9, nil),
        (10, 1), (24, 1),
        (25, 2), (39, 2),
        (40, 3), (54, 3),
        (55, 4),
    ]

    static let rules16of30: [Row] = [
        (0, nil), (15, nil),
        (16, 1), (30, 1), (45, 1),
        (46, 2), (75, 2),
        (76, 3), (105, 3),
        (106, 4),
    ]

    static let rules1of1: [Row] = [(0, nil), (1, 1), (2, 2), (59, 59)]

    private func check(_ row: Row, minimum: Int, unit: Int) {
        let result = computeTimedUnits(minutes: row.minutes, minimumBillableMinutes: minimum, unitMinutes: unit)
        #expect(result.units == row.units, "\(row.minutes) min at \(minimum)/\(unit)")
        if row.units == nil {
            if row.minutes <= 0 {
                #expect(result == .notBillable(reason: .noTimeRecorded(minutes: row.minutes)))
            } else {
                #expect(result == .notBillable(reason: .belowMinimum(minutes: row.minutes, minimum: minimum)))
            }
        }
    }

    @Test("AHCCCS 8/15 boundaries", arguments: ahcccs8of15)
    func ahcccs(row: Row) { check(row, minimum: 8, unit: 15) }

    @Test("10/15 boundaries", arguments: rules10of15)
    func tenOfFifteen(row: Row) { check(row, minimum: 10, unit: 15) }

    @Test("16/30 boundaries", arguments: rules16of30)
    func sixteenOfThirty(row: Row) { check(row, minimum: 16, unit: 30) }

    @Test("1/1: every minute is a unit", arguments: rules1of1)
    func perMinute(row: Row) { check(row, minimum: 1, unit: 1) }

    @Test("unusable rules are reported, never divided by", arguments: [(8, 0), (0, 15), (-1, 15), (8, -15)])
    func unusableRules(minimum: Int, unit: Int) {
        #expect(computeTimedUnits(minutes: 30, minimumBillableMinutes: minimum, unitMinutes: unit)
            == .notBillable(reason: .invalidRules(minimumBillableMinutes: minimum, unitMinutes: unit)))
    }

    @Test("below-minimum reason names the minutes and the minimum")
    func reasonText() {
        let result = computeTimedUnits(minutes: 7, minimumBillableMinutes: 8, unitMinutes: 15)
        guard case .notBillable(let reason) = result else {
            Issue.record("7 minutes should not be billable")
            return
        }
        #expect(reason.description.contains("7 minutes"))
        #expect(reason.description.contains("8-minute minimum"))
    }
}
