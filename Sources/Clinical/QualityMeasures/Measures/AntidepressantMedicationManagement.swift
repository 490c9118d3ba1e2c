public import Foundation
public import Platform

/// AMM (HEDIS MY2024/2025-style): adults who start an antidepressant for major depression and stay
/// on it. The Index Prescription Start Date (IPSD) is a patient's earliest antidepressant dispensing
/// in the intake period; the patient is in the denominator when 18 or older on the intake period's
/// last day, with no antidepressant dispensed in the 105 days before the IPSD (negative medication
/// history) and a major-depression diagnosis from 60 days before to 60 days after it. Numerators:
/// at least 84 treatment days from the IPSD through 114 days after it (effective acute phase), and
/// at least 180 from the IPSD through 231 days after it (effective continuation phase).
public enum AntidepressantMedicationManagement {
    public static let minimumAge = 18
    public static let negativeHistoryDays = 105
    public static let diagnosisDays = 60
    public static let acutePhase = TreatmentPhase(requiredDays: 84, lastDay: 114)
    public static let continuationPhase = TreatmentPhase(requiredDays: 180, lastDay: 231)
    /// The intake period ends this many days before the measurement period does (April 30 for a
    /// calendar year), so every continuation phase closes inside the period.
    public static let intakeEndsBeforePeriodEnd = 245

    /// A phase: `requiredDays` treatment days from the IPSD through `lastDay` days after it.
    public struct TreatmentPhase: Sendable, Hashable {
        public let requiredDays: Int
        public let lastDay: Int

        /// Whether `covered` (sorted, disjoint day ranges) has enough days inside the phase from `start`.
        public func isMet(by covered: [ClosedRange<Int>], from start: Int) -> Bool {
            AntidepressantMedicationManagement.days(of: covered, within: start...(start + lastDay)) >= requiredDays
        }
    }

    /// One antidepressant dispensing: when, for how many days, and which medication (its code).
    public struct Dispensing: Sendable, Hashable {
        public let patientID: UUID
        public let date: ServiceDate
        public let daysSupply: Int
        public let medication: String

        public init(patientID: UUID, date: ServiceDate, daysSupply: Int, medication: String) {
            self.patientID = patientID
            self.date = date
            self.daysSupply = daysSupply
            self.medication = medication
        }
    }

    /// A patient's treatment from the IPSD, as the measure and the care-gap list read it.
    public struct Episode: Sendable, Hashable {
        public let patientID: UUID
        public let startDate: ServiceDate
        /// The days with supply on hand from the IPSD on, as disjoint ranges of day numbers.
        public let covered: [ClosedRange<Int>]
        public var acuteMet: Bool { acutePhase.isMet(by: covered, from: startDate.dayNumber) }
        public var continuationMet: Bool { continuationPhase.isMet(by: covered, from: startDate.dayNumber) }
    }

    /// A patient with a dispensing in the intake period: in the denominator with an episode, or
    /// excluded (initial population only) and why.
    public enum Outcome: Sendable, Hashable {
        case episode(Episode)
        /// An antidepressant dispensed in the 105 days before the IPSD: not a new treatment.
        case priorTreatment
        /// No major-depression diagnosis from 60 days before to 60 days after the IPSD.
        case noMajorDepression
    }

    /// The intake period of `period`: the twelve months ending 245 days before its end (a calendar
    /// year's is May 1 of the year before through April 30).
    public static func intakePeriod(for period: MeasurementPeriod) -> ClosedRange<ServiceDate> {
        let end = period.end.adding(days: -intakeEndsBeforePeriodEnd)!
        let dayAfter = end.adding(days: 1)!
        // A year before the day after the end; February 29 falls back to the 28th.
        let start = ServiceDate(year: dayAfter.year - 1, month: dayAfter.month, day: dayAfter.day)
            ?? ServiceDate(year: dayAfter.year - 1, month: dayAfter.month, day: dayAfter.day - 1)!
        return start...end
    }

    /// Days with supply on hand, from dispensings on or after `start`. Supplies of the same
    /// medication are laid end to end (a refill before the last one runs out starts the day after
    /// it does, so its days are not lost); different medications overlapping count each day once,
    /// and of two dispensed the same day the longer supply counts.
    public static func coverage(_ dispensings: [Dispensing], from start: Int) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        let counted = dispensings.filter { $0.date.dayNumber >= start && $0.daysSupply > 0 }
        for fills in Dictionary(grouping: counted, by: \.medication).values {
            var nextFree = Int.min
            for fill in fills.sorted(by: { $0.date < $1.date }) {
                let first = max(fill.date.dayNumber, nextFree)
                spans.append(first...(first + fill.daysSupply - 1))
                nextFree = first + fill.daysSupply
            }
        }
        var merged: [ClosedRange<Int>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, span.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// How many days of `covered` fall in `window`.
    public static func days(of covered: [ClosedRange<Int>], within window: ClosedRange<Int>) -> Int {
        covered.reduce(0) { total, span in
            let low = max(span.lowerBound, window.lowerBound), high = min(span.upperBound, window.upperBound)
            return total + max(0, high - low + 1)
        }
    }

    /// One patient's place in the measure: nil when no dispensing falls in `intake` or the patient
    /// is under 18 on its last day; otherwise the episode, or why it is excluded.
    /// `dispensings` are the patient's, any order; `depression` the spans of encounters with a
    /// major-depression diagnosis (admission through discharge; a visit's day).
    public static func episode(dispensings: [Dispensing], depression: [ClosedRange<Int>], born birth: ServiceDate?,
                               intake: ClosedRange<ServiceDate>) -> Outcome? {
        guard let birth, age(on: intake.upperBound, born: birth) >= minimumAge,
              let first = dispensings.filter({ intake.contains($0.date) }).min(by: { $0.date < $1.date }) else { return nil }
        let start = first.date.dayNumber
        if dispensings.contains(where: { $0.date.dayNumber < start && $0.date.dayNumber >= start - negativeHistoryDays }) {
            return .priorTreatment
        }
        let around = (start - diagnosisDays)...(start + diagnosisDays)
        guard depression.contains(where: { $0.overlaps(around) }) else { return .noMajorDepression }
        return .episode(Episode(patientID: first.patientID, startDate: first.date, covered: coverage(dispensings, from: start)))
    }

    /// The acute and continuation results for every patient's dispensings in `period`.
    public static func results(dispensings: [Dispensing], depression: [UUID: [ClosedRange<Int>]], birthDates: [UUID: ServiceDate],
                               period: MeasurementPeriod) -> [IndicatorResult] {
        results(byPatient: Dictionary(grouping: dispensings, by: \.patientID), depression: depression, birthDates: birthDates, period: period)
    }

    /// The same, over dispensings already grouped by patient (one pass, one patient at a time).
    public static func results(byPatient: [UUID: [Dispensing]], depression: [UUID: [ClosedRange<Int>]], birthDates: [UUID: ServiceDate],
                               period: MeasurementPeriod) -> [IndicatorResult] {
        let intake = intakePeriod(for: period)
        var initial = 0, denominator = 0, acute = 0, continuation = 0
        for (patient, own) in byPatient {
            guard let outcome = episode(dispensings: own, depression: depression[patient] ?? [], born: birthDates[patient], intake: intake)
            else { continue }
            initial += 1
            guard case .episode(let episode) = outcome else { continue }
            denominator += 1
            if episode.acuteMet { acute += 1 }
            if episode.continuationMet { continuation += 1 }
        }
        return [
            IndicatorResult(indicator: .ammAcute, initialPopulation: initial, denominator: denominator, numerator: acute),
            IndicatorResult(indicator: .ammContinuation, initialPopulation: initial, denominator: denominator, numerator: continuation),
        ]
    }
}
