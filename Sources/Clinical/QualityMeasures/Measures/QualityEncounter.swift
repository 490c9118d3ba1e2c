public import Foundation
public import Platform

/// An encounter as the measures read it: who, what kind, when, and how its diagnoses classify.
/// Imported encounters and the practice's own attended group sessions both arrive in this form.
public struct QualityEncounter: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An acute inpatient stay.
        case inpatient
        /// A nonacute inpatient stay (residential, skilled nursing): a readmission, never a denominator event.
        case nonacuteInpatient = "nonacute_inpatient"
        case emergency
        /// A visit elsewhere (office, telehealth, IOP/PHP at another provider).
        case outpatient
        /// An ATTENDED or LATE row of one of the practice's group sessions (a behavioral-health visit).
        case practiceGroup = "practice_group"
        /// An imported procedure whose code is SUD treatment (IET), never a diagnosis-bearing event.
        case sudProcedure = "sud_procedure"
        /// An alcohol or opioid use disorder medication dispensed or given: an IET medication treatment event.
        case sudMedication = "sud_medication"
        /// A long-acting SUD injection or implant given: medication treatment that is engagement by itself.
        case longActingSudMedication = "long_acting_sud_medication"
    }

    public let patientID: UUID
    public let kind: Kind
    /// Admission or visit date.
    public let start: ServiceDate
    /// Discharge date of a stay; the visit date otherwise.
    public let end: ServiceDate
    public let diagnoses: DiagnosisFlags

    public init(patientID: UUID, kind: Kind, start: ServiceDate, end: ServiceDate? = nil, diagnoses: DiagnosisFlags = .none) {
        self.patientID = patientID
        self.kind = kind
        self.start = start
        self.end = end ?? start
        self.diagnoses = diagnoses
    }

    var isStay: Bool { kind == .inpatient || kind == .nonacuteInpatient }

    /// The date an encounter dates an episode or event by: a stay's discharge, a visit's day.
    var episodeDate: ServiceDate { isStay ? end : start }

    /// A visit FUH and FUM count as follow-up: the practice's own session, or a visit elsewhere
    /// with a mental-health diagnosis.
    var isMentalHealthFollowUp: Bool {
        kind == .practiceGroup || (kind == .outpatient && diagnoses.mentalHealth)
    }

    /// An IET treatment visit: the practice's own session, a visit or stay with an SUD diagnosis,
    /// or a procedure that is SUD treatment by its code.
    var isSubstanceUseTreatment: Bool {
        kind == .practiceGroup || kind == .sudProcedure || ((kind == .outpatient || isStay) && diagnoses.substanceUse)
    }

    /// An IET medication treatment event (counted only for alcohol or opioid use disorder episodes).
    var isMedicationTreatment: Bool { kind == .sudMedication || kind == .longActingSudMedication }

    /// An encounter reported by a hospital or clinic with its diagnoses (not a session or treatment event).
    var carriesDiagnoses: Bool { [.inpatient, .nonacuteInpatient, .emergency, .outpatient].contains(kind) }
}

/// A measurement period, both ends inclusive.
public struct MeasurementPeriod: Sendable, Hashable, Codable {
    public let start: ServiceDate
    public let end: ServiceDate

    /// Refuses an end before the start, naming `period_end`.
    public init(start: ServiceDate, end: ServiceDate) throws {
        guard start <= end else {
            throw DomainError(.unprocessable, code: "PERIOD_END_BEFORE_START", message: "period_end must not be before period_start", field: "period_end")
        }
        self.start = start
        self.end = end
    }

    /// The calendar year `year`.
    public static func year(_ year: Int) -> MeasurementPeriod {
        // Both dates exist for every year the product handles.
        try! MeasurementPeriod(start: ServiceDate(year: year, month: 1, day: 1)!, end: ServiceDate(year: year, month: 12, day: 31)!)
    }

    /// Denominator events must fall early enough that their follow-up window closes in the period:
    /// from the start to `days` before the end (a calendar year and 30 days: January 1–December 1).
    /// A period no longer than `days` has no such day: the window is empty.
    func eventWindow(closingDays days: Int) -> Range<Int> {
        start.dayNumber..<max(start.dayNumber, end.dayNumber - days + 1)
    }
}

/// Whole years from `birth` to `date`, counting a birthday on the day itself.
func age(on date: ServiceDate, born birth: ServiceDate) -> Int {
    let years = date.year - birth.year
    return (date.month, date.day) < (birth.month, birth.day) ? years - 1 : years
}
