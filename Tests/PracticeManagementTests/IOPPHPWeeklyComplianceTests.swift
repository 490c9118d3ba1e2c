import Foundation
import Platform
import PracticeManagement
import Testing

/// PM-11's weekly rule against seed 003's thresholds (IOP ≥ 9 h/wk, ≥ 3 days, ≥ 3 h/day; PHP ≥ 20 h/wk,
/// ≥ 5 days, ≥ 4 h/day), with expected values worked out by hand.
@Suite("IOP/PHP weekly compliance")
struct IOPPHPWeeklyComplianceTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var minutes: [Int]
        var daysAttended: Int
        var hours: Double
        var iop: (met: Bool, qualifying: Int, hoursShort: Double, daysShort: Int)
        var php: (met: Bool, qualifying: Int, hoursShort: Double, daysShort: Int)
        var levelMet: ProgramLevel?
        var testDescription: String { "\(minutes) → \(levelMet?.rawValue ?? "none")" }
    }

    static let rows: [Row] = [
        // Exactly the IOP minimums: 3 days of 3 h.
        Row(minutes: [180, 180, 180], daysAttended: 3, hours: 9, iop: (true, 3, 0, 0), php: (false, 0, 11, 5), levelMet: .iop),
        // Five days of 4 h meet PHP, and IOP with it.
        Row(minutes: [240, 240, 240, 240, 240], daysAttended: 5, hours: 20, iop: (true, 5, 0, 0), php: (true, 5, 0, 0), levelMet: .php),
        // Enough hours, but the 2 h day is below the day minimum: one qualifying day short.
        Row(minutes: [300, 300, 120], daysAttended: 3, hours: 12, iop: (false, 2, 0, 1), php: (false, 2, 8, 3), levelMet: nil),
        // Half an hour short of 9, and no day reaches 3 h.
        Row(minutes: [170, 170, 170], daysAttended: 3, hours: 8.5, iop: (false, 0, 0.5, 3), php: (false, 0, 11.5, 5), levelMet: nil),
        // On a roster but absent all week.
        Row(minutes: [0, 0], daysAttended: 0, hours: 0, iop: (false, 0, 9, 3), php: (false, 0, 20, 5), levelMet: nil),
        Row(minutes: [], daysAttended: 0, hours: 0, iop: (false, 0, 9, 3), php: (false, 0, 20, 5), levelMet: nil),
        // Seven days of 3 h: 21 h, every day qualifies for IOP, none for PHP.
        Row(minutes: Array(repeating: 180, count: 7), daysAttended: 7, hours: 21, iop: (true, 7, 0, 0), php: (false, 0, 0, 5), levelMet: .iop),
    ]

    @Test("a week is met when both the hours and the qualifying days reach the level's minimums", arguments: rows)
    func weeklyRule(_ row: Row) {
        let result = IOPPHPWeeklyCompliance.evaluate(dailyMinutes: row.minutes, thresholds: AHCCCSDefaults.iopPhpThresholds)
        #expect(result.daysAttended == row.daysAttended)
        #expect(result.hoursAttended == row.hours)
        #expect(result.iop.met == row.iop.met)
        #expect(result.iop.daysMeetingDayMinimum == row.iop.qualifying)
        #expect(result.iop.hoursShortfall == row.iop.hoursShort)
        #expect(result.iop.daysShortfall == row.iop.daysShort)
        #expect(result.php.met == row.php.met)
        #expect(result.php.daysMeetingDayMinimum == row.php.qualifying)
        #expect(result.php.hoursShortfall == row.php.hoursShort)
        #expect(result.php.daysShortfall == row.php.daysShort)
        #expect(result.levelMet == row.levelMet)
    }

    @Test("a site profile's override applies key by key; its omitted keys are AHCCCS defaults, not the organization's")
    func perKeyFallbackThroughSiteProfile() {
        let site = SiteJurisdictionProfile(siteID: UUID().uuidString.lowercased(),
                                           profile: JurisdictionProfile(iopPhpCompliance: IOPPHPThresholdOverrides(iopMinHoursPerWeek: 6)))
        let organization = JurisdictionProfile(iopPhpCompliance: IOPPHPThresholdOverrides(iopMinDaysPerWeek: 2, iopMinHoursPerDay: 2))
        let resolved = resolveJurisdictionProfile(siteProfile: site, organizationProfile: organization)
        let iop = resolved.iopPhp.threshold(for: .iop)
        #expect(iop == ProgramThreshold(minHoursPerWeek: 6, minDaysPerWeek: 3, minHoursPerDay: 3))
        #expect(resolved.iopPhp.threshold(for: .php) == AHCCCSDefaults.iopPhpThresholds.threshold(for: .php))
        #expect(resolved.isFallback(.iopMinDaysPerWeek) && !resolved.isFallback(.iopMinHoursPerWeek))

        // Two 3-hour days: the site's 6 h is reached, the default 3 qualifying days is not.
        let week = IOPPHPWeeklyCompliance.evaluate(dailyMinutes: [180, 180], thresholds: resolved.iopPhp)
        #expect(week.iop.hoursShortfall == 0)
        #expect(week.iop.daysShortfall == 1)
        #expect(!week.iop.met)
        // Under the organization's 2 days of 2 h (and the default 9 h) the same week is 3 h short instead.
        let orgOnly = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: organization)
        let underOrg = IOPPHPWeeklyCompliance.evaluate(dailyMinutes: [180, 180], thresholds: orgOnly.iopPhp)
        #expect(underOrg.iop.daysShortfall == 0)
        #expect(underOrg.iop.hoursShortfall == 3)
    }

    @Test("a week held at two sites is one set of days, judged under the site with the most minutes")
    func twoSites() {
        let (a, b) = (UUID(), UUID())
        let week = PatientAttendanceWeek(patientID: UUID(), weekStart: ServiceDate("2025-03-03")!, sites: [
            SiteAttendanceWeek(siteID: a, minutesByWeekday: [90, 0, 0, 0, 0, 0, 0]),
            SiteAttendanceWeek(siteID: b, minutesByWeekday: [90, 180, 0, 0, 0, 0, 0]),
        ])
        #expect(week.dailyMinutes == [180, 180, 0, 0, 0, 0, 0])
        #expect(week.governingSiteID == b)
        let tie = PatientAttendanceWeek(patientID: UUID(), weekStart: ServiceDate("2025-03-03")!, sites: [
            SiteAttendanceWeek(siteID: a, minutesByWeekday: [60, 0, 0, 0, 0, 0, 0]),
            SiteAttendanceWeek(siteID: b, minutesByWeekday: [0, 60, 0, 0, 0, 0, 0]),
        ])
        #expect(tie.governingSiteID == [a, b].min { $0.uuidString < $1.uuidString })
    }

    @Test("a period is whole Monday-to-Sunday weeks; a reversed or over-long range answers 422 naming to")
    func period() throws {
        let week = CompliancePeriod(weekContaining: ServiceDate("2025-03-05")!)
        #expect(week.from.description == "2025-03-03" && week.to.description == "2025-03-09")
        let march = try CompliancePeriod(from: ServiceDate("2025-03-01")!, to: ServiceDate("2025-03-31")!)
        #expect(march.from.description == "2025-02-24" && march.to.description == "2025-04-06")
        #expect(march.weekStarts.count == 6)
        #expect(throws: DomainError.invalid("to", "to is on or after from.")) {
            try CompliancePeriod(from: ServiceDate("2025-03-10")!, to: ServiceDate("2025-03-09")!)
        }
        let tooLong = #expect(throws: DomainError.self) { try CompliancePeriod(from: ServiceDate("2025-01-01")!, to: ServiceDate("2025-04-03")!) }
        #expect(tooLong?.code == "RANGE_TOO_LONG" && tooLong?.field == "to")
        #expect((try? CompliancePeriod(from: ServiceDate("2025-01-01")!, to: ServiceDate("2025-04-02")!)) != nil, "92 days is allowed")
    }

    @Test("service-date arithmetic: weekdays, month and leap-year ends, 1970")
    func dayArithmetic() {
        #expect(ServiceDate("1970-01-01")!.dayNumber == 0)
        #expect(ServiceDate("1970-01-01")!.isoWeekday == 4)
        #expect(ServiceDate("2025-01-06")!.isoWeekday == 1)
        #expect(ServiceDate("2025-03-09")!.isoWeekday == 7)
        #expect(ServiceDate("1969-12-31")!.isoWeekday == 3)
        #expect(ServiceDate("2024-02-28")!.adding(days: 1)?.description == "2024-02-29")
        #expect(ServiceDate("2024-02-29")!.adding(days: 1)?.description == "2024-03-01")
        #expect(ServiceDate("2025-12-31")!.adding(days: 1)?.description == "2026-01-01")
        #expect(ServiceDate("2000-03-01")!.adding(days: -1)?.description == "2000-02-29")
        #expect(ServiceDate("2025-03-05")!.mondayOfWeek.description == "2025-03-03")
        #expect(ServiceDate("2025-03-03")!.mondayOfWeek.description == "2025-03-03")
        for n in stride(from: -719_162, through: 2_932_896, by: 997) {  // 0001-01-01 … 9999-12-31
            #expect(ServiceDate(dayNumber: n).map(\.dayNumber) == n)
        }
    }
}
