import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The per-week rollup the IOP/PHP report reads (`cl_patient_attendance_weeks`) must always
/// equal what the attendance rows say, whichever way they changed.
@Suite("Attended minutes per patient-week, kept by triggers")
struct AttendanceWeekRollupTests {
    @Test("rosters, marks (one round trip or many rows at once), a forced correction, a moved row, session edits and a removed row all leave the rollup equal to the rows")
    func rollupFollowsEveryChange() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Rollup", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system,
                                      permissions: [.attendanceWriteForce])
            let org = tenant.organizationID
            @Sendable func day(_ d: Int) -> ServiceDate { ServiceDate(year: 2026, month: 1, day: d)! }
            let (second, patients, sessions) = try await db.database.withTenant(org) { tx in
                let second = try await Organizations.createFacility(siteID: tenant.siteID, name: "Second clinic", stateCode: "AZ",
                                                                    timeZone: "America/Phoenix", by: nil, in: tx).id
                var patients: [UUID] = []
                for n in 1...4 {
                    patients.append(try await Patients.create(mrn: "R-\(n)", givenName: "P", familyName: "\(n)", dateOfBirth: "1990-01-01", by: nil, in: tx).id)
                }
                // Monday, Wednesday and Sunday of the week of 5 January, then the next Monday.
                let plan: [(ServiceDate, UUID, String, String, [UUID])] = [
                    (day(5), tenant.facility.id, "09:00", "12:00", Array(patients[0...2])),
                    (day(7), tenant.facility.id, "09:00", "10:30", Array(patients[0...1])),
                    (day(11), second, "13:00", "14:00", [patients[0]]),
                    (day(12), tenant.facility.id, "09:00", "11:00", Array(patients[2...3])),
                ]
                var sessions: [UUID] = []
                for (date, facility, start, end, roster) in plan {
                    sessions.append(try await GroupSessions.create(NewGroupSession(facilityID: facility, groupType: "process_group", sessionDate: date,
                                                                                   startTime: start, endTime: end, patientIDs: roster),
                                                                   by: principal, in: tx))
                }
                return (second, patients, sessions)
            }
            #expect(try await Self.rollup(db, org) == Self.recomputed(db, org))
            #expect(try await Self.siteRollup(db, org) == Self.facilityRollupBySite(db, org))
            // Rostered, nothing attended yet: a week with rows and no minutes.
            let firstWeek = "\(patients[0].uuidString.lowercased())|2026-01-05|\(tenant.facility.id.uuidString.lowercased())"
            #expect(try await Self.rollup(db, org).contains("\(firstWeek)|2|0|0|0|0|0|0|0"))

            func row(_ session: Int, _ patient: Int) async throws -> UUID {
                try #require(try await db.ownerScalars("""
                    SELECT id FROM cl_group_attendance WHERE session_id = \(sessions[session]) AND patient_id = \(patients[patient])
                    """, as: UUID.self).first)
            }
            func mark(_ session: Int, _ patient: Int, _ status: AttendanceStatus) async throws {
                let rowID = try await row(session, patient)
                _ = try await db.database.withTenant(org) { tx in
                    try await Attendance.mark(sessionID: sessions[session], rowID: rowID, to: status, expectedVersion: nil, by: principal, in: tx)
                }
            }
            try await mark(0, 0, .attended)
            try await mark(0, 1, .late)
            try await mark(0, 2, .absent)
            try await mark(1, 0, .attended)
            try await mark(1, 0, .late)
            try await mark(2, 0, .attended)
            try await mark(3, 2, .attended)
            #expect(try await Self.rollup(db, org) == Self.recomputed(db, org))
            #expect(try await Self.siteRollup(db, org) == Self.facilityRollupBySite(db, org))
            // Monday 180 minutes and Wednesday 90 at the first clinic; Sunday's hour is at the second.
            #expect(try await Self.rollup(db, org).contains("\(firstWeek)|2|180|0|90|0|0|0|0"))

            // A billed session corrected by force: patient 2 was not there after all.
            let corrected = try await row(0, 1)
            try await db.database.withTenant(org) { tx in
                _ = try await GroupSessionLock.lock(sessionIDs: [sessions[0]], by: principal, in: tx)
                _ = try await Attendance.forceMark(sessionID: sessions[0], rowID: corrected, to: .absent, expectedVersion: nil,
                                                   reason: "Left before the group began", by: principal, in: tx)
            }
            // Sessions edited where no API reaches yet: Monday's ends an hour early at the second
            // clinic, and next Monday's moves to Tuesday.
            try await db.database.withTenant(org) { tx in
                try await tx.query("UPDATE cl_group_sessions SET actual_end_time = '11:00', facility_id = \(second) WHERE id = \(sessions[0])")
                try await tx.query("UPDATE cl_group_sessions SET session_date = session_date + 1 WHERE id = \(sessions[3])")
            }
            // A mark in one round trip, one statement that changes several rows' statuses (LATE →
            // ATTENDED moves no minutes, SCHEDULED → ATTENDED adds Wednesday's 90), and a row moved
            // to another patient, which no path of the application does but SQL can.
            let markedAlone = try await row(3, 3)
            #expect(try await Attendance.markAlone(sessionID: sessions[3], rowID: markedAlone, to: .late, expectedVersion: nil, by: principal,
                                                   database: db.database) != nil)
            let moved = try await row(1, 1)
            try await db.database.withTenant(org) { tx in
                try await tx.query("UPDATE cl_group_attendance SET attendance_status = 'ATTENDED' WHERE session_id = \(sessions[1])")
                try await tx.query("UPDATE cl_group_attendance SET patient_id = \(patients[3]) WHERE id = \(moved)")
            }
            #expect(try await Self.rollup(db, org) == Self.recomputed(db, org))
            #expect(try await Self.siteRollup(db, org) == Self.facilityRollupBySite(db, org))
            let movedWeek = "\(patients[3].uuidString.lowercased())|2026-01-05|\(tenant.facility.id.uuidString.lowercased())"
            #expect(try await Self.rollup(db, org).contains("\(movedWeek)|1|0|0|90|0|0|0|0"))
            // A roster row removed.
            let removed = try await row(3, 3)
            try await db.asOwner("DELETE FROM cl_group_attendance WHERE id = \(removed)")

            let after = try await Self.rollup(db, org)
            #expect(after == (try await Self.recomputed(db, org)))
            let sites = try await Self.siteRollup(db, org)
            #expect(sites == (try await Self.facilityRollupBySite(db, org)))
            // Both clinics are at the tenant's site: patient 1's week is one line there, Monday's
            // 120 minutes moved to the second clinic and Wednesday's 90 at the first.
            let site = tenant.siteID.uuidString.lowercased()
            #expect(sites.contains("\(patients[0].uuidString.lowercased())|2026-01-05|\(site)|3|120|0|90|0|0|0|60"))
            let secondWeek = "\(patients[0].uuidString.lowercased())|2026-01-05|\(second.uuidString.lowercased())"
            #expect(after.contains("\(secondWeek)|2|120|0|0|0|0|0|60"))
            #expect(after.contains("\(firstWeek)|1|0|0|90|0|0|0|0"))
            // Patient 4 keeps only the week the moved row brought.
            #expect(after.filter { $0.hasPrefix(patients[3].uuidString.lowercased()) } == ["\(movedWeek)|1|0|0|90|0|0|0|0"])
        }
    }

    @Test("marks of one patient's sessions in one week, made at once, neither deadlock nor lose minutes")
    func concurrentMarksOfOneWeek() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Rollup race", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let org = tenant.organizationID
            // Ten patients in two sessions on the same day: every mark of one session touches the
            // same weeks as a mark of the other.
            let (sessions, rows) = try await db.database.withTenant(org) { tx in
                var patients: [UUID] = []
                for n in 1...10 {
                    patients.append(try await Patients.create(mrn: "C-\(n)", givenName: "P", familyName: "\(n)", dateOfBirth: "1990-01-01", by: nil, in: tx).id)
                }
                var sessions: [UUID] = []
                for (start, end) in [("09:00", "10:00"), ("13:00", "15:00")] {
                    sessions.append(try await GroupSessions.create(NewGroupSession(
                        facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 2, day: 4)!,
                        startTime: start, endTime: end, patientIDs: patients), by: principal, in: tx))
                }
                var rows: [[UUID]] = []
                for session in sessions {
                    rows.append(try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) ORDER BY patient_id").map { try $0.decode(UUID.self) })
                }
                return (sessions, rows)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, session) in sessions.enumerated() {
                    // One session marks its roster forwards, the other backwards.
                    let order = index == 0 ? rows[index] : rows[index].reversed()
                    group.addTask {
                        for rowID in order {
                            _ = try await db.database.withTenant(org) { tx in
                                try await Attendance.mark(sessionID: session, rowID: rowID, to: .attended, expectedVersion: nil, by: principal, in: tx)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let weeks = try await Self.rollup(db, org)
            #expect(weeks == (try await Self.recomputed(db, org)))
            #expect(try await Self.siteRollup(db, org) == (try await Self.facilityRollupBySite(db, org)))
            #expect(weeks.count == 10)
            #expect(weeks.allSatisfy { $0.hasSuffix("|2|0|0|180|0|0|0|0") })
        }
    }

    @Test("a facility moved to another site takes its weeks there; marks after the move add at the new site")
    func facilityMovedToAnotherSite() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Rollup sites", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let org = tenant.organizationID
            let (east, eastClinic, patient, sessions) = try await db.database.withTenant(org) { tx in
                let east = try await Organizations.createSite(name: "East", in: tx)
                let eastClinic = try await Organizations.createFacility(siteID: east, name: "East clinic", stateCode: "AZ",
                                                                        timeZone: "America/Phoenix", by: nil, in: tx).id
                let patient = try await Patients.create(mrn: "S-1", givenName: "P", familyName: "1", dateOfBirth: "1990-01-01", by: nil, in: tx).id
                // Monday at the tenant's clinic, Tuesday and Thursday at the East clinic, one week.
                var sessions: [UUID] = []
                for (day, facility) in [(5, tenant.facility.id), (6, eastClinic), (8, eastClinic)] {
                    sessions.append(try await GroupSessions.create(NewGroupSession(
                        facilityID: facility, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 1, day: day)!,
                        startTime: "09:00", endTime: "12:00", patientIDs: [patient]), by: principal, in: tx))
                }
                return (east, eastClinic, patient, sessions)
            }
            func mark(_ session: Int) async throws {
                let rowID = try #require(try await db.ownerScalars(
                    "SELECT id FROM cl_group_attendance WHERE session_id = \(sessions[session])", as: UUID.self).first)
                _ = try await db.database.withTenant(org) { tx in
                    try await Attendance.mark(sessionID: sessions[session], rowID: rowID, to: .attended, expectedVersion: nil, by: principal, in: tx)
                }
            }
            try await mark(0)
            try await mark(1)
            let week = "\(patient.uuidString.lowercased())|2026-01-05"
            let (home, away) = (tenant.siteID.uuidString.lowercased(), east.uuidString.lowercased())
            #expect(try await Self.siteRollup(db, org) == ["\(week)|\(home)|1|180|0|0|0|0|0|0", "\(week)|\(away)|2|0|180|0|0|0|0|0"].sorted())

            // The East clinic joins the tenant's site: its weeks go with it, and a mark after the move
            // counts there.
            try await db.database.withTenant(org) { tx in
                try await tx.query("UPDATE pf_facilities SET site_id = \(tenant.siteID) WHERE id = \(eastClinic)")
            }
            try await mark(2)
            let moved = try await Self.siteRollup(db, org)
            #expect(moved == (try await Self.facilityRollupBySite(db, org)))
            #expect(moved == ["\(week)|\(home)|3|180|180|0|180|0|0|0"])
        }
    }

    @Test("a mark whose week row is missing writes it by the generic upsert, and its site's week exactly once")
    func markWithoutItsWeekRow() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            // One participant, Monday 5 January 2026, 09:00–10:00.
            let fixture = try await MarkFixture.make(db, name: "Rollup fallback")
            func weeks() async throws -> [String] {
                try await db.ownerScalars("""
                    SELECT 'facility ' || rostered_sessions || '|' || monday_minutes FROM cl_patient_attendance_weeks
                    UNION ALL
                    SELECT 'site ' || rostered_sessions || '|' || monday_minutes FROM cl_patient_attendance_site_weeks
                    ORDER BY 1
                    """, as: String.self)
            }
            _ = try await fixture.mark(db, .attended, version: 1)
            #expect(try await weeks() == ["facility 1|60", "site 1|60"])

            // The site's week gone: the facility's week takes the mark in place, the site's is written anew.
            try await db.asOwner("DELETE FROM cl_patient_attendance_site_weeks")
            _ = try await fixture.mark(db, .late, version: 2)
            _ = try await fixture.mark(db, .absent, version: 3)
            #expect(try await weeks() == ["facility 1|0", "site 0|-60"])

            // The facility's week gone: the generic upsert writes it and adds to the site's week once.
            try await db.asOwner("DELETE FROM cl_patient_attendance_weeks")
            _ = try await fixture.mark(db, .attended, version: 4)
            #expect(try await weeks() == ["facility 0|60", "site 0|0"])
        }
    }

    /// One line per patient, week and site with roster rows or minutes, from the per-site rollup.
    static func siteRollup(_ db: TestDatabase, _ organization: UUID) async throws -> [String] {
        try await db.ownerScalars("""
            SELECT concat_ws('|', patient_id, week_start, site_id, rostered_sessions, monday_minutes, tuesday_minutes, wednesday_minutes,
                             thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
            FROM cl_patient_attendance_site_weeks
            WHERE organization_id = \(organization)
              AND (rostered_sessions, monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes,
                   saturday_minutes, sunday_minutes) <> (0, 0, 0, 0, 0, 0, 0, 0)
            ORDER BY 1
            """, as: String.self)
    }

    /// The same lines summed from the per-facility rollup at each facility's site today.
    static func facilityRollupBySite(_ db: TestDatabase, _ organization: UUID) async throws -> [String] {
        try await db.ownerScalars("""
            SELECT concat_ws('|', w.patient_id, w.week_start, f.site_id, sum(w.rostered_sessions), sum(w.monday_minutes),
                             sum(w.tuesday_minutes), sum(w.wednesday_minutes), sum(w.thursday_minutes), sum(w.friday_minutes),
                             sum(w.saturday_minutes), sum(w.sunday_minutes))
            FROM cl_patient_attendance_weeks w JOIN pf_facilities f ON f.organization_id = w.organization_id AND f.id = w.facility_id
            WHERE w.organization_id = \(organization)
            GROUP BY w.patient_id, w.week_start, f.site_id
            HAVING (sum(w.rostered_sessions), sum(w.monday_minutes), sum(w.tuesday_minutes), sum(w.wednesday_minutes), sum(w.thursday_minutes),
                    sum(w.friday_minutes), sum(w.saturday_minutes), sum(w.sunday_minutes)) <> (0, 0, 0, 0, 0, 0, 0, 0)
            ORDER BY 1
            """, as: String.self)
    }

    /// One line per patient, week and facility with roster rows or minutes, from the rollup.
    static func rollup(_ db: TestDatabase, _ organization: UUID) async throws -> [String] {
        try await db.ownerScalars("""
            SELECT concat_ws('|', patient_id, week_start, facility_id, rostered_sessions, monday_minutes, tuesday_minutes, wednesday_minutes,
                             thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
            FROM cl_patient_attendance_weeks
            WHERE organization_id = \(organization)
              AND (rostered_sessions, monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes,
                   saturday_minutes, sunday_minutes) <> (0, 0, 0, 0, 0, 0, 0, 0)
            ORDER BY 1
            """, as: String.self)
    }

    /// The same lines recomputed from the attendance rows and their sessions.
    static func recomputed(_ db: TestDatabase, _ organization: UUID) async throws -> [String] {
        try await db.ownerScalars("""
            WITH r AS (
                SELECT a.patient_id, s.session_date - (extract(isodow FROM s.session_date)::int - 1) AS week_start, s.facility_id,
                       extract(isodow FROM s.session_date)::int AS weekday,
                       CASE WHEN a.attendance_status IN ('ATTENDED', 'LATE') THEN extract(epoch FROM s.actual_end_time - s.actual_start_time)::int / 60 ELSE 0 END AS minutes
                FROM cl_group_attendance a JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                WHERE a.organization_id = \(organization) AND a.patient_id IS NOT NULL
            )
            SELECT concat_ws('|', patient_id, week_start, facility_id, count(*),
                             coalesce(sum(minutes) FILTER (WHERE weekday = 1), 0),
                             coalesce(sum(minutes) FILTER (WHERE weekday = 2), 0), coalesce(sum(minutes) FILTER (WHERE weekday = 3), 0),
                             coalesce(sum(minutes) FILTER (WHERE weekday = 4), 0), coalesce(sum(minutes) FILTER (WHERE weekday = 5), 0),
                             coalesce(sum(minutes) FILTER (WHERE weekday = 6), 0), coalesce(sum(minutes) FILTER (WHERE weekday = 7), 0))
            FROM r GROUP BY patient_id, week_start, facility_id
            ORDER BY 1
            """, as: String.self)
    }
}
