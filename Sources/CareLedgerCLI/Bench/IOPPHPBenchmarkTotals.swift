import Logging
import Platform
import PostgresNIO
import PracticeManagement

/// What `bench iop-php` checks the report by: its patient-weeks, attended days and attended
/// minutes, from the report or recounted from the attendance rows themselves.
struct IOPPHPBenchmarkTotals: Equatable, CustomStringConvertible {
    let patientWeeks: Int
    let daysAttended: Int
    let minutesAttended: Int

    init(patientWeeks: Int, daysAttended: Int, minutesAttended: Int) {
        self.patientWeeks = patientWeeks
        self.daysAttended = daysAttended
        self.minutesAttended = minutesAttended
    }

    init(_ report: IOPPHPComplianceReport) {
        self.init(patientWeeks: report.rows.count, daysAttended: report.rows.reduce(0) { $0 + $1.result.daysAttended },
                  minutesAttended: report.rows.reduce(0) { $0 + $1.result.minutesAttended })
    }

    var description: String { "\(patientWeeks) patient-weeks, \(daysAttended) days and \(minutesAttended) minutes attended" }

    /// The same figures from every patient's attendance rows in the period (ATTENDED and LATE
    /// count a session's whole length), without the rollups, as the owner.
    static func recount(_ period: CompliancePeriod, owner: PostgresClient, logger: Logger) async throws -> IOPPHPBenchmarkTotals {
        var totals = IOPPHPBenchmarkTotals(patientWeeks: 0, daysAttended: 0, minutesAttended: 0)
        for try await (weeks, days, minutes) in try await owner.query("""
            WITH r AS (
                SELECT a.patient_id, s.session_date, s.session_date - (extract(isodow FROM s.session_date)::int - 1) AS week_start,
                       CASE WHEN a.attendance_status IN ('ATTENDED', 'LATE')
                            THEN extract(epoch FROM s.actual_end_time - s.actual_start_time)::int / 60 ELSE 0 END AS minutes
                FROM cl_group_attendance a JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                WHERE a.patient_id IS NOT NULL AND s.session_date BETWEEN \(period.from.description)::date AND \(period.to.description)::date
            )
            SELECT count(DISTINCT (patient_id, week_start))::int, count(DISTINCT (patient_id, session_date)) FILTER (WHERE minutes > 0)::int,
                   coalesce(sum(minutes), 0)::int
            FROM r
            """, logger: logger).decode((Int, Int, Int).self) {
            totals = IOPPHPBenchmarkTotals(patientWeeks: weeks, daysAttended: days, minutesAttended: minutes)
        }
        return totals
    }
}
