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
    /// code, and per discharge the stays (readmissions) and visits of the 30 days after it.
    public static let hospitalizationFollowUp = QualityMeasurePeriodComputation(measure: "FUH") { period, codes, tx in
        try await followUp(of: .inpatient, datedBy: "end_date", period: period, codes: codes, in: tx,
                           count: QualityMeasureCalculation.hospitalizationFollowUp)
    }

    /// FUM: ED visits in the event window with a principal mental-illness or self-harm code, and
    /// per visit the admissions and visits from its date to 30 days after.
    public static let emergencyVisitFollowUp = QualityMeasurePeriodComputation(measure: "FUM") { period, codes, tx in
        try await followUp(of: .emergency, datedBy: "start_date", period: period, codes: codes, in: tx,
                           count: QualityMeasureCalculation.emergencyVisitFollowUp)
    }

    /// The read FUH and FUM share: events of `kind` dated by `dateColumn` in the event window with
    /// a principal mental-illness or self-harm code, and per event the stays and visits of the 30
    /// days from its date, with the practice's sessions in those windows; then the measure's rules.
    private static func followUp(
        of kind: QualityEncounter.Kind, datedBy dateColumn: String, period: MeasurementPeriod, codes: ValueSetCodesInUse, in tx: TenantTransaction,
        count: ([UUID: [QualityEncounter]], [UUID: ServiceDate], [UUID: MemberStatus], MeasurementPeriod) -> [IndicatorResult]
    ) async throws -> MeasurePeriodOutcome {
        guard let (first, last) = period.eventDays(closingDays: 30) else { return MeasurePeriodOutcome(results: count([:], [:], [:], period)) }
        let encounters = try await QualityEncounterReads.encounters("""
            WITH codes AS (SELECT \(codes.principalMentalIllness)::text[] AS principal, \(codes.mentalHealth)::text[] AS mental),
            event AS (
              SELECT e.organization_id, e.id, e.patient_id, e.\(unescaped: dateColumn) AS event_date FROM cl_external_encounters e
              WHERE e.kind = \(kind.rawValue) AND e.status = 'finished'
                AND e.\(unescaped: dateColumn) BETWEEN \(first.description)::date AND \(last.description)::date
                AND EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                            AND d.is_principal AND d.code = ANY(\(codes.principalMentalIllness)))
            ), follow AS (
              SELECT DISTINCT organization_id, patient_id, event_date AS from_date, event_date + 30 AS through_date FROM event
            ), wanted AS (
              SELECT organization_id, id FROM event
              UNION
              SELECT e.organization_id, e.id FROM follow w
              JOIN cl_external_encounters e ON e.organization_id = w.organization_id AND e.patient_id = w.patient_id
               AND e.start_date BETWEEN w.from_date AND w.through_date
              WHERE e.status = 'finished' AND e.kind IN ('inpatient', 'nonacute_inpatient', 'outpatient')
            )
            SELECT \(unescaped: QualityEncounterReads.columns)
            FROM wanted JOIN cl_external_encounters e ON e.organization_id = wanted.organization_id AND e.id = wanted.id
            UNION ALL
            \(unescaped: QualityEncounterReads.practiceVisitsInFollowWindows)
            """, in: tx)
        let patients = Set(encounters.filter { $0.kind == kind && $0.diagnoses.principalMentalIllness }.map(\.patientID))
        let birthDates = try await PatientRecordLookup.birthDates(Array(patients), in: tx)
        let members = try await MemberStatusReads.load(patients, period: period, in: tx)
        let practiceVisits = encounters.count(where: { $0.kind == .practiceGroup })
        return MeasurePeriodOutcome(results: count(Dictionary(grouping: encounters, by: \.patientID), birthDates, members, period),
                                    sourceEncounterCount: encounters.count - practiceVisits, practiceVisitCount: practiceVisits)
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
        MeasurePeriodOutcome(results: try await AntidepressantTreatmentData.load(period, valueSets: codes.valueSets, in: tx).results(for: period))
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
