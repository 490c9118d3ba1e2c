import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Attendance state machine in the database")
struct AttendanceTests {
    static func migrations() throws -> [Migration] {
        try PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations()
    }

    @Test("every legal move is accepted and every illegal one (including staying put) is refused with nothing changed",
          arguments: AttendanceStatus.allCases)
    func everyMoveFrom(start: AttendanceStatus) async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let tenant = try await TestTenant.create("States", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            for next in AttendanceStatus.allCases {
                let (session, row) = try await db.database.withTenant(tenant.organizationID) { tx in
                    let patient = try await Patients.create(mrn: "S-\(start.rawValue)-\(next.rawValue)", givenName: "A", familyName: "B",
                                                            dateOfBirth: "1990-01-01", by: nil, in: tx)
                    let session = try await GroupSessions.create(NewGroupSession(
                        facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 1, day: 5)!,
                        startTime: "09:00", endTime: "10:00", patientIDs: [patient.id]), by: principal, in: tx)
                    let row = try #require(try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session)").first?.decode(UUID.self))
                    if start != .scheduled {
                        try await tx.query("UPDATE cl_group_attendance SET attendance_status = \(start.rawValue) WHERE id = \(row)")
                    }
                    return (session, row)
                }
                let legal = start.legalNextStates.contains(next)
                do {
                    let updated = try await db.database.withTenant(tenant.organizationID) { tx in
                        try await Attendance.mark(sessionID: session, rowID: row, to: next, expectedVersion: nil, by: principal, in: tx)
                    }
                    #expect(legal, "\(start) → \(next) should have been refused")
                    #expect(updated.status == next)
                    #expect(updated.rowVersion == 2)
                } catch let error as DomainError {
                    #expect(!legal, "\(start) → \(next) should have been accepted")
                    #expect(error.code == "ILLEGAL_TRANSITION")
                    let stored = try await db.ownerScalars("SELECT attendance_status FROM cl_group_attendance WHERE id = \(row)", as: String.self)
                    #expect(stored == [start.rawValue])
                }
            }
        }
    }

    @Test("supervisors are every distinct provider SUPERVISING a participant, and a later assignment appears on the next read")
    func supervisorsFollowAssignments() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let tenant = try await TestTenant.create("Supervision", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let resolver = JurisdictionResolver(logger: db.logger)
            let (session, second) = try await db.database.withTenant(tenant.organizationID) { tx in
                let a = try await Patients.create(mrn: "P-1", givenName: "A", familyName: "One", dateOfBirth: "1990-01-01", by: nil, in: tx)
                let b = try await Patients.create(mrn: "P-2", givenName: "B", familyName: "Two", dateOfBirth: "1990-01-01", by: nil, in: tx)
                // The same supervisor on both participants is one supervisor row.
                _ = try await StaffAssignments.assign(providerUserID: tenant.userID, patientID: a.id, role: "SUPERVISING", by: nil, in: tx)
                _ = try await StaffAssignments.assign(providerUserID: tenant.userID, patientID: b.id, role: "SUPERVISING", by: nil, in: tx)
                let second = try await Organizations.addStaff(email: "second@sup.example", displayName: "Second Supervisor", password: nil,
                                                              roleKeys: ["supervisor"], defaultFacilityID: nil, in: tx).userID
                let session = try await GroupSessions.create(NewGroupSession(
                    facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 1, day: 5)!,
                    startTime: "09:00", endTime: "10:00", patientIDs: [a.id, b.id]), by: principal, in: tx)
                _ = try await StaffAssignments.assign(providerUserID: second, patientID: b.id, role: "PRIMARY", by: nil, in: tx)
                return (session, (second, b.id))
            }
            var detail = try await db.database.withTenant(tenant.organizationID) { tx in try await GroupSessions.detail(session, jurisdictions: resolver, in: tx) }
            #expect(detail.supervisors.map(\.displayName) == ["Supervision staff"])
            #expect(detail.preview.presentSupervisors == 0)
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await StaffAssignments.assign(providerUserID: second.0, patientID: second.1, role: "SUPERVISING", by: nil, in: tx)
            }
            detail = try await db.database.withTenant(tenant.organizationID) { tx in try await GroupSessions.detail(session, jurisdictions: resolver, in: tx) }
            #expect(detail.supervisors.map(\.displayName) == ["Second Supervisor", "Supervision staff"])
            #expect(detail.preview.billableCount == 0, "supervisors are never billable")
        }
    }
}
