public import Foundation
import NIOCore
import PostgresNIO

/// Minutes one patient attended group sessions at one site in one week (Clinical attendance,
/// ATTENDED or LATE, patients only).
public struct SiteAttendanceWeek: Sendable, Hashable {
    /// The site of the facilities the sessions were held at (its jurisdiction profile applies).
    public let siteID: UUID
    /// Seven entries, Monday first; 0 on a day the patient was not on a roster or did not attend.
    public let minutesByWeekday: [Int]

    public init(siteID: UUID, minutesByWeekday: [Int]) {
        self.siteID = siteID
        self.minutesByWeekday = minutesByWeekday
    }
}

/// One patient's Monday-to-Sunday week: present when the patient was on the roster of any
/// session that week, attended or not, so a week missed entirely still shows.
public struct PatientAttendanceWeek: Sendable, Hashable {
    public let patientID: UUID
    /// The Monday the week starts on.
    public let weekStart: ServiceDate
    /// One entry per site the patient's sessions were held at; nearly always one.
    public let sites: [SiteAttendanceWeek]

    public init(patientID: UUID, weekStart: ServiceDate, sites: [SiteAttendanceWeek]) {
        self.patientID = patientID
        self.weekStart = weekStart
        self.sites = sites
    }
}

/// Integration-layer read of Clinical group attendance for Practice Management's IOP/PHP
/// compliance report (PM-11), through the Platform-owned `pf_attended_minutes_by_week` over
/// Clinical's per-week rollup.
public enum AttendanceHoursLookup {
    /// Attended minutes per patient, week, site and weekday for the weeks starting `from`…`to`
    /// (`from` a Monday), optionally at one facility or for one patient, ordered by patient and
    /// then week (each patient's weeks together); runs in the caller's tenant transaction, so
    /// row-level security keeps it to the caller's organization.
    public static func weeks(from: ServiceDate, to: ServiceDate, facilityID: UUID?, patientID: UUID?,
                             in tx: TenantTransaction) async throws -> [PatientAttendanceWeek] {
        // One short row per patient, week and site: tens of thousands of rows for a large month.
        // The seven day totals travel as one `bytea` of seven big-endian int4 (`int4send`), so a
        // row decodes four values instead of ten: each value is a generic decode in PostgresNIO,
        // which was most of the report's own CPU time (issue 18). The week is its Monday's day number.
        var weeks: [PatientAttendanceWeek] = []
        for try await (patient, monday, site, days) in try await tx.query("""
            SELECT patient_id, week_start - DATE '1970-01-01', site_id,
                   int4send(monday_minutes) || int4send(tuesday_minutes) || int4send(wednesday_minutes) || int4send(thursday_minutes)
                   || int4send(friday_minutes) || int4send(saturday_minutes) || int4send(sunday_minutes)
            FROM pf_attended_minutes_by_week(\(from.description)::date, \(to.description)::date, \(facilityID)::uuid, \(patientID)::uuid)
            ORDER BY patient_id, week_start, site_id
            """).decode((UUID, Int32, UUID, ByteBuffer).self) {
            guard let start = ServiceDate(dayNumber: Int(monday)) else { continue }
            var bytes = days
            var minutes: [Int] = []
            minutes.reserveCapacity(7)
            while let day = bytes.readInteger(as: Int32.self) { minutes.append(Int(day)) }
            let siteWeek = SiteAttendanceWeek(siteID: site, minutesByWeekday: minutes)
            // Rows come ordered, so a week held at a second site follows its first.
            if let last = weeks.last, last.patientID == patient, last.weekStart == start {
                weeks[weeks.count - 1] = PatientAttendanceWeek(patientID: patient, weekStart: start, sites: last.sites + [siteWeek])
            } else {
                weeks.append(PatientAttendanceWeek(patientID: patient, weekStart: start, sites: [siteWeek]))
            }
        }
        return weeks
    }
}
