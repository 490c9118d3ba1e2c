import Foundation
public import Platform
import PostgresNIO

/// What one measure's period computation found: its indicators and how much it read (the
/// aggregate counts its events carry in metadata).
public struct MeasurePeriodOutcome: Sendable {
    public let results: [IndicatorResult]
    public let sourceEncounterCount: Int
    public let practiceVisitCount: Int

    public init(results: [IndicatorResult], sourceEncounterCount: Int = 0, practiceVisitCount: Int = 0) {
        self.results = results
        self.sourceEncounterCount = sourceEncounterCount
        self.practiceVisitCount = practiceVisitCount
    }
}

/// One measure computed for a period, set-based: SQL selects the measure's candidate events and,
/// for each, only the encounters inside its window; the measure's pure rules then count them.
/// `all` is the one list the finalizer runs and the benchmark times: a new measure is one entry.
public struct QualityMeasurePeriodComputation: Sendable {
    /// The measure's short name (`FUH`), for the benchmark's figures.
    public let measure: String
    public let compute: @Sendable (MeasurementPeriod, ValueSetCodesInUse, TenantTransaction) async throws -> MeasurePeriodOutcome

    public init(measure: String,
                compute: @escaping @Sendable (MeasurementPeriod, ValueSetCodesInUse, TenantTransaction) async throws -> MeasurePeriodOutcome) {
        self.measure = measure
        self.compute = compute
    }

    /// Every measure a finalized period publishes, in the order of its results.
    public static let all: [QualityMeasurePeriodComputation] = [
        .hospitalizationFollowUp, .emergencyVisitFollowUp, .substanceUseTreatment, .antidepressantMedicationManagement, .groupAttendance,
    ]

    /// Every measure's indicators for `period`, each with the counts of what its measure read.
    public static func results(for period: MeasurementPeriod, in tx: TenantTransaction) async throws -> [(IndicatorResult, MeasurePeriodOutcome)] {
        let codes = try await ValueSetCodesInUse.load(in: tx)
        var results: [(IndicatorResult, MeasurePeriodOutcome)] = []
        for computation in all {
            let outcome = try await computation.compute(period, codes, tx)
            results += outcome.results.map { ($0, outcome) }
        }
        return results
    }
}

extension MeasurementPeriod {
    /// The first and last day of `eventWindow(closingDays:)`, nil when it is empty.
    func eventDays(closingDays days: Int) -> (first: ServiceDate, last: ServiceDate)? {
        let window = eventWindow(closingDays: days)
        guard !window.isEmpty, let first = ServiceDate(dayNumber: window.lowerBound), let last = ServiceDate(dayNumber: window.upperBound - 1) else { return nil }
        return (first, last)
    }
}

extension QualityMeasurePeriodComputation {
    /// FUH: acute discharges in the event window with a principal mental-illness or self-harm
    /// code, each with its readmission and its first follow-up visit after the discharge date.
    public static let hospitalizationFollowUp = QualityMeasurePeriodComputation(measure: "FUH") { period, codes, tx in
        try await followUp(of: .inpatient, datedBy: "end_date", followUpFrom: 1, period: period, codes: codes, in: tx,
                           count: QualityMeasureCalculation.hospitalizationFollowUp(candidates:birthDates:members:period:))
    }

    /// FUM: ED visits in the event window with a principal mental-illness or self-harm code, each
    /// with its admission and its first follow-up visit from the ED date on.
    public static let emergencyVisitFollowUp = QualityMeasurePeriodComputation(measure: "FUM") { period, codes, tx in
        try await followUp(of: .emergency, datedBy: "start_date", followUpFrom: 0, period: period, codes: codes, in: tx,
                           count: QualityMeasureCalculation.emergencyVisitFollowUp(candidates:birthDates:members:period:))
    }

    /// The read FUH and FUM share (`FollowUpCandidateReads`), then the birth dates and member
    /// exclusions of the events' patients, then the measure's rules.
    private static func followUp(
        of kind: QualityEncounter.Kind, datedBy dateColumn: String, followUpFrom: Int, period: MeasurementPeriod, codes: ValueSetCodesInUse,
        in tx: TenantTransaction, count: ([FollowUpCandidate], [UUID: ServiceDate], [UUID: MemberStatus], MeasurementPeriod) -> [IndicatorResult]
    ) async throws -> MeasurePeriodOutcome {
        let read = try await FollowUpCandidateReads.load(kind, datedBy: dateColumn, followUpFrom: followUpFrom, period: period, codes: codes, in: tx)
        let patients = Set(read.candidates.map(\.patientID))
        let birthDates = try await PatientRecordLookup.birthDates(Array(patients), in: tx)
        let members = try await MemberStatusReads.load(patients, period: period, in: tx)
        return MeasurePeriodOutcome(results: count(read.candidates, birthDates, members, period),
                                    sourceEncounterCount: read.sourceEncounterCount, practiceVisitCount: read.practiceVisitCount)
    }

    /// IET: the period's new SUD episodes with their initiation and engagement, one row each from
    /// one set-based statement (`SubstanceUseEpisodeReads`); then the age limit and the member
    /// exclusions of the patients they belong to.
    public static let substanceUseTreatment = QualityMeasurePeriodComputation(measure: "IET") { period, codes, tx in
        let read = try await SubstanceUseEpisodeReads.load(period, codes: codes, in: tx)
        let birthDates = try await PatientRecordLookup.birthDates(Array(Set(read.episodes.map(\.patientID))), in: tx)
        let episodes = read.episodes.filter { episode in
            birthDates[episode.patientID].map { SubstanceUseTreatment.isOldEnough(born: $0, on: episode.episodeDate) } ?? false
        }
        let members = try await MemberStatusReads.load(Set(episodes.map(\.patientID)), period: period, in: tx)
        return MeasurePeriodOutcome(results: QualityMeasureCalculation.substanceUseTreatment(episodes: episodes, members: members, period: period),
                                    sourceEncounterCount: read.sourceEncounterCount, practiceVisitCount: read.practiceVisitCount)
    }

    /// AMM acute and continuation: each patient's antidepressant dispensings around the intake
    /// period and their major-depression diagnoses, read one row per patient.
    public static let antidepressantMedicationManagement = QualityMeasurePeriodComputation(measure: "AMM") { period, codes, tx in
        MeasurePeriodOutcome(results: try await AntidepressantTreatmentData.load(period, codes: codes, in: tx).results(for: period))
    }

    /// The practice's group attendance rate: two counts over the period's roster rows.
    public static let groupAttendance = QualityMeasurePeriodComputation(measure: "Group attendance") { period, _, tx in
        let statuses = AttendanceStatus.allCases.filter(\.isBillable).map(\.rawValue)
        let row = try await tx.rows("""
            SELECT count(*)::int, (count(*) FILTER (WHERE a.attendance_status = ANY(\(statuses))))::int
            FROM cl_group_attendance a
            JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
            WHERE a.patient_id IS NOT NULL
              AND s.session_date BETWEEN \(period.start.description)::date AND \(period.end.description)::date
            """).first
        let (rostered, billable) = try row?.decode((Int, Int).self) ?? (0, 0)
        return MeasurePeriodOutcome(results: [GroupAttendanceRate.result(rostered: rostered, billable: billable)], practiceVisitCount: billable)
    }
}
