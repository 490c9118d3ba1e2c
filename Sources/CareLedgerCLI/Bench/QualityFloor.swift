import Clinical
import Foundation
import Platform
import PostgresNIO

/// The floor `bench quality` holds FUH to: one hand-written SQL statement computing the same
/// denominator and 7- and 30-day numerators (age on the discharge date, principal code, the
/// readmission exclusion, the first mental-health visit elsewhere or attended session after the
/// discharge date), in a tenant transaction like the product's, selecting by the same codes.
enum QualityFloor {
    struct Counts: Equatable, CustomStringConvertible {
        let denominator: Int
        let within7: Int
        let within30: Int

        var description: String { "denominator \(denominator), 7-day \(within7), 30-day \(within30)" }
    }

    static func hospitalizationFollowUp(_ period: MeasurementPeriod, codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> Counts {
        let first = period.start.description
        let last = (period.end.adding(days: -FollowUpAfterHospitalization.followUpDays.max()!) ?? period.end).description
        let row = try await tx.rows("""
            WITH discharge AS (
              SELECT e.organization_id, e.id, e.patient_id, e.end_date FROM cl_external_encounters e
              JOIN pm_patients p ON p.organization_id = e.organization_id AND p.id = e.patient_id
              WHERE e.kind = 'inpatient' AND e.status = 'finished' AND e.end_date BETWEEN \(first)::date AND \(last)::date
                AND age(e.end_date, p.date_of_birth) >= make_interval(years => \(FollowUpAfterHospitalization.minimumAge)::int)
                AND EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                            AND d.is_principal AND d.code = ANY(\(codes.codes(.mentalIllness, .intentionalSelfHarm))))
            ), kept AS (
              SELECT * FROM discharge k WHERE NOT EXISTS (
                SELECT 1 FROM cl_external_encounters r WHERE r.organization_id = k.organization_id AND r.patient_id = k.patient_id AND r.id <> k.id
                  AND r.status = 'finished' AND r.kind IN ('inpatient', 'nonacute_inpatient') AND r.start_date BETWEEN k.end_date AND k.end_date + 30)
            ), followed AS (
              SELECT k.id, (SELECT min(day) FROM (
                  SELECT v.start_date AS day FROM cl_external_encounters v
                  WHERE v.organization_id = k.organization_id AND v.patient_id = k.patient_id AND v.kind = 'outpatient' AND v.status = 'finished'
                    AND v.start_date > k.end_date AND v.start_date <= k.end_date + 30
                    AND EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = v.organization_id AND d.encounter_id = v.id
                                AND d.code = ANY(\(codes.codes(.mentalHealthDiagnosis, .mentalIllness))))
                  UNION ALL
                  SELECT s.session_date FROM cl_group_attendance a
                  JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                  WHERE a.organization_id = k.organization_id AND a.patient_id = k.patient_id AND a.attendance_status IN ('ATTENDED', 'LATE')
                    AND s.session_date > k.end_date AND s.session_date <= k.end_date + 30) visit) - k.end_date AS days
              FROM kept k
            )
            SELECT count(*)::int, (count(*) FILTER (WHERE days <= 7))::int, count(days)::int FROM followed
            """).first
        let (denominator, within7, within30) = try row?.decode((Int, Int, Int).self) ?? (0, 0, 0)
        return Counts(denominator: denominator, within7: within7, within30: within30)
    }
}
