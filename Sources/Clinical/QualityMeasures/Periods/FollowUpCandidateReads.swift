import Foundation
import Platform
import PostgresNIO

/// FUH's discharges or FUM's ED visits read in one set-based statement, one row per event with
/// what the follow-up rules need (`FollowUpCandidate`): whether a stay began from its date
/// through 30 days after, and its first follow-up visit (a visit elsewhere with a mental-health
/// diagnosis or the practice's attended session). The age limit, FUM's one visit per 31 days and
/// the member exclusions stay in Swift; `QualityPeriodComputationTests` and
/// `FollowUpCandidateSQLTests` hold this statement equal to the rules' `candidates(of:in:)`.
struct FollowUpCandidateReads {
    let candidates: [FollowUpCandidate]
    /// The events and the visits elsewhere in their windows (the event's metadata).
    let sourceEncounterCount: Int
    /// The practice's sessions in the events' windows.
    let practiceVisitCount: Int

    /// Events of `kind` dated by `dateColumn` in the event window; a follow-up counts from
    /// `followUpFrom` days after the event's date (FUH 1: not the discharge date; FUM 0).
    static func load(_ kind: QualityEncounter.Kind, datedBy dateColumn: String, followUpFrom: Int, period: MeasurementPeriod,
                     codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> FollowUpCandidateReads {
        guard let (first, last) = period.eventDays(closingDays: 30) else {
            return FollowUpCandidateReads(candidates: [], sourceEncounterCount: 0, practiceVisitCount: 0)
        }
        var candidates: [FollowUpCandidate] = []
        var (visits, sessions) = (0, 0)
        // Each event probes its own patient's records through the patient indexes (as the floor
        // of `bench quality` does), never a join of every window with every session. Tens of
        // thousands of probes estimate past JIT's inlining threshold, so the statement runs without it.
        try await PeriodStatementSettings.withoutJIT(in: tx) {
            for try await (patient, day, admitted, firstDay, windowVisits, windowSessions) in try await tx.query("""
                WITH event AS (
                  SELECT e.organization_id, e.id, e.patient_id, e.\(unescaped: dateColumn) AS day FROM cl_external_encounters e
                  WHERE e.kind = \(kind.rawValue) AND e.status = 'finished'
                    AND e.\(unescaped: dateColumn) BETWEEN \(first.description)::date AND \(last.description)::date
                    AND EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                                AND d.is_principal AND d.code = ANY(\(codes.principalMentalIllness)::text[]))
                )
                SELECT k.patient_id, k.day - DATE '1970-01-01',
                       EXISTS (SELECT 1 FROM cl_external_encounters r
                               WHERE r.organization_id = k.organization_id AND r.patient_id = k.patient_id AND r.id <> k.id AND r.status = 'finished'
                                 AND r.kind IN ('inpatient', 'nonacute_inpatient') AND r.start_date BETWEEN k.day AND k.day + 30),
                       f.first_day - DATE '1970-01-01', f.visits::int, f.sessions::int
                FROM event k
                CROSS JOIN LATERAL (
                  SELECT min(v.day) AS first_day, count(*) FILTER (WHERE NOT v.session) AS visits, count(*) FILTER (WHERE v.session) AS sessions
                  FROM (
                    SELECT o.start_date AS day, false AS session FROM cl_external_encounters o
                    WHERE o.organization_id = k.organization_id AND o.patient_id = k.patient_id AND o.kind = 'outpatient' AND o.status = 'finished'
                      AND o.start_date BETWEEN k.day + \(followUpFrom)::int AND k.day + 30
                      AND EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = o.organization_id AND d.encounter_id = o.id
                                  AND d.code = ANY(\(codes.mentalHealth)::text[]))
                    UNION ALL
                    SELECT DISTINCT s.session_date, true FROM cl_group_attendance a
                    JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                    WHERE a.organization_id = k.organization_id AND a.patient_id = k.patient_id AND a.attendance_status IN ('ATTENDED', 'LATE')
                      AND s.session_date BETWEEN k.day + \(followUpFrom)::int AND k.day + 30
                  ) v
                ) f
                """).decode((UUID, Int, Bool, Int?, Int, Int).self) {
                visits += windowVisits
                sessions += windowSessions
                guard let date = ServiceDate(dayNumber: day) else { continue }
                candidates.append(FollowUpCandidate(patientID: patient, date: date, admittedWithin30Days: admitted,
                                                    firstFollowUp: firstDay.flatMap { ServiceDate(dayNumber: $0) }))
            }
        }
        return FollowUpCandidateReads(candidates: candidates, sourceEncounterCount: candidates.count + visits, practiceVisitCount: sessions)
    }
}
