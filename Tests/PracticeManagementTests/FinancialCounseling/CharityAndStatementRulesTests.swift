import Foundation
import Platform
import PracticeManagement
import Testing

/// PM-16's pure rules: the charity indicator's expiry day, the default expiration and how a
/// statement line is priced.
@Suite("Charity care and statement rules")
struct CharityAndStatementRulesTests {
    @Test("the indicator is on before the expiration date and off from it; never for an application not approved",
          arguments: [("2027-01-08", true, true), ("2027-01-09", true, true), ("2027-01-10", true, false), ("2027-01-11", true, false),
                      ("2027-01-09", false, false)])
    func indicator(today: String, approved: Bool, active: Bool) {
        #expect(CharityCareRules.isActive(approved: approved, expirationDate: ServiceDate("2027-01-10"), on: ServiceDate(today)!) == active)
    }

    @Test("the expiry day is the organization's: 05:00 UTC on the 10th is still the 9th in Phoenix",
          arguments: [("America/Phoenix", true), ("UTC", false), ("Pacific/Honolulu", true), ("Asia/Tokyo", false)])
    func indicatorInOrganizationZone(zone: String, active: Bool) throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2027-01-10T05:00:00Z"))
        let today = ServiceDate.today(in: try #require(TimeZone(identifier: zone)), now: now)
        #expect(CharityCareRules.isActive(approved: true, expirationDate: ServiceDate("2027-01-10"), on: today) == active)
    }

    @Test("an approval expires 12 months after it was given by default", arguments: [("2026-03-15", "2027-03-15"), ("2028-02-29", "2029-02-28"),
                                                                                   ("2026-12-31", "2027-12-31")])
    func defaultExpiration(approved: String, expires: String) {
        #expect(CharityCareRules.defaultExpiration(approvedOn: ServiceDate(approved)!) == ServiceDate(expires))
    }

    struct Line: Sendable, CustomTestStringConvertible {
        var charge: Int
        var billedToPayer: Bool
        var slidingFee: SlidingFeeCharge?
        var charity: Int?
        var expected: (responsibility: Int, sliding: Int, charity: Int, due: Int)
        var testDescription: String { "\(charge) payer:\(billedToPayer) \(String(describing: slidingFee)) charity:\(String(describing: charity))" }
    }

    static let lines: [Line] = [
        Line(charge: 15_000, billedToPayer: false, slidingFee: nil, charity: nil, expected: (15_000, 0, 0, 15_000)),
        Line(charge: 15_000, billedToPayer: true, slidingFee: .discountPercent(80), charity: 100, expected: (0, 0, 0, 0)),
        Line(charge: 15_000, billedToPayer: false, slidingFee: .discountPercent(60), charity: nil, expected: (15_000, 9_000, 0, 6_000)),
        Line(charge: 15_000, billedToPayer: false, slidingFee: .nominalFee(cents: 2_000), charity: nil, expected: (15_000, 13_000, 0, 2_000)),
        Line(charge: 15_000, billedToPayer: false, slidingFee: .discountPercent(60), charity: 50, expected: (15_000, 9_000, 3_000, 3_000)),
        Line(charge: 15_000, billedToPayer: false, slidingFee: .nominalFee(cents: 2_000), charity: 100, expected: (15_000, 13_000, 2_000, 0)),
        Line(charge: 999, billedToPayer: false, slidingFee: nil, charity: 25, expected: (999, 0, 250, 749)),
    ]

    @Test("self-pay charges are the patient's; the sliding fee comes off first, then the charity discount on what remains", arguments: lines)
    func linePricing(_ line: Line) {
        let pricing = StatementLinePricing(chargeCents: line.charge, billedToPayer: line.billedToPayer, slidingFee: line.slidingFee,
                                           charityDiscountPercent: line.charity)
        #expect(pricing.responsibilityCents == line.expected.responsibility)
        #expect(pricing.slidingFeeAdjustmentCents == line.expected.sliding)
        #expect(pricing.charityAdjustmentCents == line.expected.charity)
        #expect(pricing.dueCents == line.expected.due)
    }
}
