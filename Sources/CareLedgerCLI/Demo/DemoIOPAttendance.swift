import Clinical
import Foundation
import Platform
import PostgresNIO

/// Last week's IOP group at the Tucson facility, so the IOP/PHP compliance page has a story to
/// tell: three 3-hour sessions (Monday, Wednesday, Friday). The first patient attends all three
/// (IOP met); the second misses Friday; the third is late on Wednesday and absent on Friday.
enum DemoIOPAttendance {
    static let facilityName = "Tucson IOP Program"
    static let days = [0, 2, 4]
    /// Per patient, the mark on each of the three days.
    static let marks: [[AttendanceStatus]] = [
        [.attended, .attended, .attended],
        [.attended, .attended, .absent],
        [.attended, .late, .absent],
    ]

    /// Adds the week once; a later start finds last week's sessions and adds nothing.
    static func ensureLastWeek(organizationID: UUID, database: Database) async throws {
        try await database.withTenant(organizationID) { tx in
            guard let (facility, zone) = try await tx.rows("SELECT id, time_zone FROM pf_facilities WHERE name = \(facilityName)")
                .first?.decode((UUID, String).self), let timeZone = TimeZone(identifier: zone) else { return }
            let thisMonday = ServiceDate.today(in: timeZone).mondayOfWeek
            guard let lastMonday = thisMonday.adding(days: -7),
                  try await tx.rows("""
                      SELECT 1 FROM cl_group_sessions WHERE facility_id = \(facility)
                      AND session_date >= \(lastMonday.description)::date AND session_date < \(thisMonday.description)::date
                      """).isEmpty else { return }
            let patients = try await tx.rows("SELECT id FROM pm_patients ORDER BY mrn LIMIT \(marks.count)").map { try $0.decode(UUID.self) }
            guard patients.count == marks.count else { return }
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            for (index, offset) in days.enumerated() {
                guard let date = lastMonday.adding(days: offset) else { continue }
                let session = try await GroupSessions.create(NewGroupSession(facilityID: facility, groupType: "iop_group", sessionDate: date,
                                                                             startTime: "13:00", endTime: "16:00", patientIDs: patients,
                                                                             location: "Group room", topic: "Distress tolerance"), by: system, in: tx)
                for (patient, statuses) in zip(patients, marks) {
                    guard let row = try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id = \(patient)")
                        .first?.decode(UUID.self) else { continue }
                    _ = try await Attendance.mark(sessionID: session, rowID: row, to: statuses[index], expectedVersion: nil, by: system, in: tx)
                }
            }
        }
    }
}
