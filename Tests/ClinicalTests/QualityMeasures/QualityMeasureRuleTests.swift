import Clinical
import Foundation
import Platform
import Testing

/// Dates are written as day offsets from an event so each row reads like the specification's window.
private let patient = UUID()
private let born = ServiceDate(year: 1990, month: 6, day: 15)!
private let year = MeasurementPeriod.year(2026)
private let march10 = ServiceDate(year: 2026, month: 3, day: 10)!
private let mentalIllness = DiagnosisFlags(principalMentalIllness: true, mentalHealth: true, substanceUse: false)
private let substanceUse = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: true)

private func day(_ offset: Int, from date: ServiceDate = march10) -> ServiceDate { date.adding(days: offset)! }

private func results(_ encounters: [QualityEncounter], born birth: ServiceDate = born, period: MeasurementPeriod = year) -> [QualityIndicator: IndicatorResult] {
    Dictionary(uniqueKeysWithValues: QualityMeasureCalculation.indicators(encounters: encounters, birthDates: [patient: birth], period: period)
        .map { ($0.indicator, $0) })
}

private func stay(_ start: ServiceDate, _ end: ServiceDate, _ flags: DiagnosisFlags = mentalIllness, kind: QualityEncounter.Kind = .inpatient) -> QualityEncounter {
    QualityEncounter(patientID: patient, kind: kind, start: start, end: end, diagnoses: flags)
}

private func visit(_ date: ServiceDate, _ kind: QualityEncounter.Kind = .practiceGroup, _ flags: DiagnosisFlags = .none) -> QualityEncounter {
    QualityEncounter(patientID: patient, kind: kind, start: date, diagnoses: flags)
}

@Suite("FUH: follow-up after hospitalization for mental illness")
struct FollowUpAfterHospitalizationTests {
    @Test("the visit's day after discharge decides the 7-day and 30-day indicators", arguments: [
        // (days after discharge, 7-day met, 30-day met)
        (0, false, false), (1, true, true), (7, true, true), (8, false, true), (30, false, true), (31, false, false),
    ])
    func followUpWindow(after days: Int, sevenDay: Bool, thirtyDay: Bool) {
        let result = results([stay(day(-4), march10), visit(day(days))])
        #expect(result[.fuh7]?.denominator == 1)
        #expect(result[.fuh7]?.numerator == (sevenDay ? 1 : 0))
        #expect(result[.fuh30]?.numerator == (thirtyDay ? 1 : 0))
    }

    @Test("which visits count: the practice's session, or an outside visit with a mental-health diagnosis", arguments: [
        (QualityEncounter.Kind.practiceGroup, DiagnosisFlags.none, true),
        (.outpatient, DiagnosisFlags(principalMentalIllness: false, mentalHealth: true, substanceUse: false), true),
        (.outpatient, DiagnosisFlags.none, false),
        (.emergency, mentalIllness, false),
    ])
    func qualifyingVisit(kind: QualityEncounter.Kind, flags: DiagnosisFlags, counts: Bool) {
        #expect(results([stay(day(-4), march10), visit(day(3), kind, flags)])[.fuh7]?.numerator == (counts ? 1 : 0))
    }

    @Test("only discharges from the period's start to 30 days before its end are events", arguments: [
        (ServiceDate(year: 2025, month: 12, day: 31)!, 0), (ServiceDate(year: 2026, month: 1, day: 1)!, 1),
        (ServiceDate(year: 2026, month: 12, day: 1)!, 1), (ServiceDate(year: 2026, month: 12, day: 2)!, 0),
    ])
    func eventWindow(discharge: ServiceDate, denominator: Int) {
        #expect(results([stay(day(-3, from: discharge), discharge)])[.fuh30]?.denominator == denominator)
    }

    @Test("patients 6 or older on the discharge date", arguments: [
        (ServiceDate(year: 2020, month: 3, day: 10)!, 1), (ServiceDate(year: 2020, month: 3, day: 11)!, 0),
    ])
    func age(birth: ServiceDate, denominator: Int) {
        #expect(results([stay(day(-2), march10)], born: birth)[.fuh30]?.denominator == denominator)
    }

    @Test("a readmission within 30 days excludes the first discharge; the readmission stands on its own", arguments: [
        // (readmission's admission, days after the first discharge; kind; denominator)
        (30, QualityEncounter.Kind.inpatient, 1), (31, .inpatient, 2), (0, .nonacuteInpatient, 0), (31, .nonacuteInpatient, 1),
    ])
    func readmission(after days: Int, kind: QualityEncounter.Kind, denominator: Int) {
        let result = results([stay(day(-4), march10), stay(day(days), day(days + 5), kind: kind)])
        #expect(result[.fuh30]?.denominator == denominator)
        #expect(result[.fuh30]?.initialPopulation == (kind == .inpatient ? 2 : 1))
    }

    @Test("a stay without a principal mental-illness diagnosis is no event")
    func otherDiagnosis() {
        #expect(results([stay(day(-4), march10, substanceUse), visit(day(2))])[.fuh30]?.denominator == 0)
    }
}

@Suite("FUM: follow-up after ED visit for mental illness")
struct FollowUpAfterEmergencyVisitTests {
    @Test("a visit on the ED date counts; the windows close after 7 and 30 days", arguments: [
        (-1, false, false), (0, true, true), (7, true, true), (8, false, true), (30, false, true), (31, false, false),
    ])
    func followUpWindow(after days: Int, sevenDay: Bool, thirtyDay: Bool) {
        let result = results([visit(march10, .emergency, mentalIllness), visit(day(days))])
        #expect(result[.fum7]?.denominator == 1)
        #expect(result[.fum7]?.numerator == (sevenDay ? 1 : 0))
        #expect(result[.fum30]?.numerator == (thirtyDay ? 1 : 0))
    }

    @Test("only the first ED visit in a 31-day span counts", arguments: [
        // (second visit, days after the first; denominator)
        (1, 1), (30, 1), (31, 2),
    ])
    func thirtyOneDaySpan(after days: Int, denominator: Int) {
        let result = results([visit(march10, .emergency, mentalIllness), visit(day(days), .emergency, mentalIllness)])
        #expect(result[.fum30]?.denominator == denominator)
        #expect(result[.fum30]?.initialPopulation == 2)
    }

    @Test("a visit followed by an inpatient admission on its date or within 30 days is excluded", arguments: [
        (0, 0), (30, 0), (31, 1),
    ])
    func admission(after days: Int, denominator: Int) {
        let result = results([visit(march10, .emergency, mentalIllness), stay(day(days), day(days + 3), substanceUse)])
        #expect(result[.fum30]?.denominator == denominator)
    }

    @Test("patients 6 or older on the ED date", arguments: [
        (ServiceDate(year: 2020, month: 3, day: 10)!, 1), (ServiceDate(year: 2020, month: 3, day: 11)!, 0),
    ])
    func age(birth: ServiceDate, denominator: Int) {
        #expect(results([visit(march10, .emergency, mentalIllness)], born: birth)[.fum30]?.denominator == denominator)
    }
}

@Suite("IET: initiation and engagement of SUD treatment")
struct SubstanceUseTreatmentTests {
    @Test("initiation: a treatment event on the episode date or within the 13 days after (day 14 of the episode, not day 15)", arguments: [
        (0, true), (13, true), (14, false),
    ])
    func initiation(after days: Int, initiated: Bool) {
        let result = results([visit(march10, .outpatient, substanceUse), visit(day(days))])
        #expect(result[.ietInitiation]?.denominator == 1)
        #expect(result[.ietInitiation]?.numerator == (initiated ? 1 : 0))
    }

    @Test("engagement: two more events on different days, the day after initiation to 34 days after it", arguments: [
        // (days after initiation of the two further events; engaged)
        ([1, 34], true), ([1, 35], false), ([0, 34], false), ([5, 5], false), ([2, 3, 40], true),
    ])
    func engagement(after days: [Int], engaged: Bool) {
        let initiation = day(2)
        let result = results([visit(march10, .emergency, substanceUse), visit(initiation)] + days.map { visit(day($0, from: initiation)) })
        #expect(result[.ietInitiation]?.numerator == 1)
        #expect(result[.ietEngagement]?.numerator == (engaged ? 1 : 0))
    }

    @Test("an inpatient episode initiates treatment by itself, dated at discharge")
    func inpatientEpisode() {
        let result = results([stay(day(-5), march10, substanceUse), visit(day(1)), visit(day(34))])
        #expect(result[.ietInitiation]?.numerator == 1)
        #expect(result[.ietEngagement]?.numerator == 1)
    }

    @Test("a new episode needs 194 days without an SUD diagnosis before it", arguments: [
        (194, 1), (195, 2),
    ])
    func negativeHistory(daysBefore: Int, episodes: Int) {
        let earlier = day(-daysBefore)
        #expect(results([visit(earlier, .outpatient, substanceUse), visit(march10, .outpatient, substanceUse)],
                        period: try! MeasurementPeriod(start: earlier, end: ServiceDate(year: 2026, month: 12, day: 31)!))[.ietInitiation]?.denominator == episodes)
    }

    @Test("episodes from the period's start to 47 days before its end, patients 13 or older", arguments: [
        (ServiceDate(year: 2026, month: 11, day: 14)!, born, 1), (ServiceDate(year: 2026, month: 11, day: 15)!, born, 0),
        (march10, ServiceDate(year: 2013, month: 3, day: 10)!, 1), (march10, ServiceDate(year: 2013, month: 3, day: 11)!, 0),
    ])
    func windowAndAge(episode: ServiceDate, birth: ServiceDate, denominator: Int) {
        #expect(results([visit(episode, .outpatient, substanceUse)], born: birth)[.ietInitiation]?.denominator == denominator)
    }

    @Test("a period shorter than a window has no events for it, and nothing breaks", arguments: [1, 30, 31, 47, 48])
    func shortPeriod(days: Int) throws {
        let period = try MeasurementPeriod(start: march10, end: day(days - 1))
        let result = results([stay(day(-3), march10), visit(march10, .emergency, mentalIllness), visit(march10, .outpatient, substanceUse),
                              visit(day(1))], period: period)
        #expect(result[.fuh30]?.denominator == (days > 30 ? 1 : 0))
        #expect(result[.fum30]?.denominator == (days > 30 ? 1 : 0))
        #expect(result[.ietInitiation]?.denominator == (days > 47 ? 1 : 0))
    }

    @Test("a patient with no birth date on file is in no denominator")
    func unknownBirthDate() {
        let result = QualityMeasureCalculation.indicators(encounters: [visit(march10, .outpatient, substanceUse)], birthDates: [:], period: year)
        #expect(result.allSatisfy { $0.denominator == 0 })
    }
}

@Suite("Group attendance rate")
struct GroupAttendanceRateTests {
    @Test("billable attendances over rostered participant rows; supervisors are neither")
    func rate() {
        let rows: [GroupAttendanceRate.RosterRow] = [
            .init(status: .attended, isSupervisor: false), .init(status: .late, isSupervisor: false),
            .init(status: .absent, isSupervisor: false), .init(status: .scheduled, isSupervisor: false),
            .init(status: .attended, isSupervisor: true),
        ]
        let result = GroupAttendanceRate.result(rows)
        #expect(result.denominator == 4)
        #expect(result.numerator == 2)
        #expect(QualityMeasurePeriodCalculated.rate(numerator: result.numerator, denominator: result.denominator) == 0.5)
    }
}

@Suite("Care gaps")
struct CareGapTests {
    @Test("an open window until a qualifying visit or its 30th day", arguments: [
        // (today, days after the discharge; a visit on day 2; open; days left)
        (0, false, true, 7), (7, false, true, 0), (8, false, true, 22), (30, false, true, 0), (31, false, false, 0), (5, true, false, 0),
    ])
    func hospitalization(today offset: Int, visited: Bool, open: Bool, daysLeft: Int) {
        let encounters = [stay(day(-3), march10)] + (visited ? [visit(day(2))] : [])
        let gaps = CareGaps.open(on: day(offset), encounters: encounters, birthDates: [patient: born])
        #expect(gaps.count == (open ? 1 : 0))
        if open {
            #expect(gaps.first?.kind == .hospitalization)
            #expect(gaps.first?.sevenDayDueDate == day(7))
            #expect(gaps.first?.thirtyDayDueDate == day(30))
            #expect(gaps.first?.daysLeft == daysLeft)
        }
    }

    @Test("an ED visit's window is closed by a visit on the ED date itself")
    func emergencyVisit() {
        #expect(CareGaps.open(on: day(3), encounters: [visit(march10, .emergency, mentalIllness)], birthDates: [patient: born]).map(\.kind) == [.emergencyVisit])
        #expect(CareGaps.open(on: day(3), encounters: [visit(march10, .emergency, mentalIllness), visit(march10)], birthDates: [patient: born]).isEmpty)
    }
}
