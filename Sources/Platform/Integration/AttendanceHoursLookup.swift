public import Foundation
import NIOCore
import NIOFoundationCompat
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
/// Clinical's per-site weekly rollup.
public enum AttendanceHoursLookup {
    /// Attended minutes per patient, week, site and weekday for the weeks starting `from`…`to`
    /// (`from` a Monday), optionally at one facility or for one patient: each patient's weeks
    /// together and in week order, patients in no particular order (a caller that lists them sorts
    /// them its own way, e.g. by name). Runs in the caller's tenant transaction, so row-level
    /// security keeps it to the caller's organization.
    public static func weeks(from: ServiceDate, to: ServiceDate, facilityID: UUID?, patientID: UUID?,
                             in tx: TenantTransaction) async throws -> [PatientAttendanceWeek] {
        // One short row per patient, week and site: tens of thousands of rows for a large month.
        // The seven day totals travel as one `bytea` of seven big-endian int4 (`int4send`), and
        // each row's four binary cells are read here directly: PostgresNIO's generic row decode
        // (a variadic tuple, its metadata looked up per row) was most of the report's CPU time
        // once PostgreSQL's part was cheap (issue 18). The week is its Monday's day number.
        // The rows come unsorted, as the scan of the rollup meets them: sorting them by patient in
        // PostgreSQL cost more than the read itself, so they are grouped here.
        var slots: [UUID: Int] = [:]
        var patients: [UUID] = []
        var rowsByPatient: [[SiteWeekRow]] = []
        for try await cells in try await tx.query("""
            SELECT patient_id, week_start - DATE '1970-01-01', site_id,
                   int4send(monday_minutes) || int4send(tuesday_minutes) || int4send(wednesday_minutes) || int4send(thursday_minutes)
                   || int4send(friday_minutes) || int4send(saturday_minutes) || int4send(sunday_minutes)
            FROM pf_attended_minutes_by_week(\(from.description)::date, \(to.description)::date, \(facilityID)::uuid, \(patientID)::uuid)
            """) {
            guard let (patient, row) = SiteWeekRow.read(cells) else {
                // Not the binary cells the query selects: PostgresNIO's own decode says why.
                _ = try cells.decode((UUID, Int32, UUID, ByteBuffer).self)
                continue
            }
            if let slot = slots[patient] {
                rowsByPatient[slot].append(row)
            } else {
                slots[patient] = patients.count
                patients.append(patient)
                rowsByPatient.append([row])
            }
        }
        var weeks: [PatientAttendanceWeek] = []
        weeks.reserveCapacity(rowsByPatient.reduce(0) { $0 + $1.count })
        for (patient, unordered) in zip(patients, rowsByPatient) {
            // A patient has a few weeks, nearly always already in order.
            let rows = unordered.isSorted(by: SiteWeekRow.precedes) ? unordered : unordered.sorted(by: SiteWeekRow.precedes)
            var index = rows.startIndex
            while index < rows.endIndex {
                // A week held at a second site follows its first.
                var end = index + 1
                while end < rows.endIndex, rows[end].monday == rows[index].monday { end += 1 }
                if let start = ServiceDate(dayNumber: Int(rows[index].monday)) {
                    weeks.append(PatientAttendanceWeek(patientID: patient, weekStart: start, sites: rows[index..<end].map(\.week)))
                }
                index = end
            }
        }
        return weeks
    }
}

/// One row of the read: a patient's minutes at one site in the week starting on day `monday`.
private struct SiteWeekRow {
    let monday: Int32
    let week: SiteAttendanceWeek

    /// The patient and the row from the cells `uuid, int4, uuid, bytea` in binary format; nil if
    /// they are not that.
    static func read(_ cells: PostgresRow) -> (UUID, SiteWeekRow)? {
        var iterator = cells.makeIterator()
        guard let patientCell = iterator.next(), let mondayCell = iterator.next(), let siteCell = iterator.next(),
              let daysCell = iterator.next(), iterator.next() == nil,
              patientCell.format == .binary, mondayCell.format == .binary, siteCell.format == .binary, daysCell.format == .binary,
              var patientBytes = patientCell.bytes, var mondayBytes = mondayCell.bytes, var siteBytes = siteCell.bytes,
              var days = daysCell.bytes, patientBytes.readableBytes == 16, mondayBytes.readableBytes == 4, siteBytes.readableBytes == 16, days.readableBytes == 28,
              let patient = patientBytes.readUUIDBytes(), let monday = mondayBytes.readInteger(as: Int32.self), let site = siteBytes.readUUIDBytes()
        else { return nil }
        var minutes: [Int] = []
        minutes.reserveCapacity(7)
        while let day = days.readInteger(as: Int32.self) { minutes.append(Int(day)) }
        return (patient, SiteWeekRow(monday: monday, week: SiteAttendanceWeek(siteID: site, minutesByWeekday: minutes)))
    }

    /// Week, then site (as the rollup's key orders them).
    static func precedes(_ a: SiteWeekRow, _ b: SiteWeekRow) -> Bool {
        a.monday != b.monday ? a.monday < b.monday : a.week.siteID.uuidString < b.week.siteID.uuidString
    }
}

private extension Array {
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        indices.dropFirst().allSatisfy { !areInIncreasingOrder(self[$0], self[$0 - 1]) }
    }
}
