import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("The session detail read in one round trip")
struct GroupSessionReadTests {
    @Test("the combined read gives the detail the separate name, payer and rule lookups give")
    func matchesTheSeparateLookups() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Combined", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let resolver = JurisdictionResolver(logger: db.logger)
            let date = ServiceDate(year: 2026, month: 3, day: 2)!
            let (session, patients, rows) = try await db.database.withTenant(tenant.organizationID) { tx in
                // Three patients with Alpha as primary, one with Zeta, one uncovered: Alpha applies.
                let names = [("Cy", "Diaz"), ("Ana", "Diaz"), ("Ben", "Cole"), ("Eve", "Fox"), ("Dee", "Evans")]
                var patients: [UUID] = []
                for (index, name) in names.enumerated() {
                    patients.append(try await Patients.create(mrn: "C-\(index)", givenName: name.0, familyName: name.1, dateOfBirth: "1990-01-01", by: nil, in: tx).id)
                }
                let alpha = try await Payers.create(name: "Alpha Care", payerCode: "ALPHA", by: nil, in: tx)
                let zeta = try await Payers.create(name: "Zeta Health", payerCode: "ZETA", by: nil, in: tx)
                _ = try await Payers.replaceGroupRules(payerID: alpha.id, stateCode: "AZ", maxParticipantsPerSupervisor: 3, bands: [
                    GroupSizeBand(minParticipants: 5, maxParticipants: 8, unitRateCents: 1200),
                    GroupSizeBand(minParticipants: 2, maxParticipants: 3, unitRateCents: 1600),
                ], by: nil, in: tx)
                // Another state's rules must not leak into an Arizona facility's preview.
                _ = try await Payers.replaceGroupRules(payerID: alpha.id, stateCode: "CA", maxParticipantsPerSupervisor: 9, bands: [
                    GroupSizeBand(minParticipants: 1, maxParticipants: 99, unitRateCents: 1),
                ], by: nil, in: tx)
                for (patient, payer) in [(patients[0], alpha), (patients[1], alpha), (patients[2], alpha), (patients[3], zeta)] {
                    _ = try await Coverages.create(patientID: patient, payerID: payer.id, memberID: "M-\(patient.uuidString.prefix(6))", priority: 1,
                                                   effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, effectiveTo: nil, by: nil, in: tx)
                }
                // A lapsed primary coverage does not count.
                _ = try await Coverages.create(patientID: patients[4], payerID: zeta.id, memberID: "OLD-1", priority: 1,
                                               effectiveFrom: ServiceDate(year: 2024, month: 1, day: 1)!,
                                               effectiveTo: ServiceDate(year: 2024, month: 12, day: 31)!, by: nil, in: tx)
                let second = try await Organizations.addStaff(email: "second@combined.example", displayName: "Second Supervisor", password: nil,
                                                              roleKeys: ["supervisor"], defaultFacilityID: nil, in: tx).userID
                _ = try await StaffAssignments.assign(providerUserID: tenant.userID, patientID: patients[0], role: "SUPERVISING", by: nil, in: tx)
                _ = try await StaffAssignments.assign(providerUserID: second, patientID: patients[3], role: "SUPERVISING", by: nil, in: tx)
                let session = try await GroupSessions.create(NewGroupSession(
                    facilityID: tenant.facility.id, groupType: "process_group", sessionDate: date, startTime: "09:00", endTime: "10:30",
                    patientIDs: patients, location: "Room 2", topic: "Sleep"), by: principal, in: tx)
                let rows = try await tx.rows("SELECT id, patient_id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id IS NOT NULL")
                    .map { try $0.decode((UUID, UUID).self) }
                return (session, patients, Dictionary(uniqueKeysWithValues: rows.map { ($0.1, $0.0) }))
            }
            try await db.database.withTenant(tenant.organizationID) { tx in
                for (patient, status) in [(patients[0], AttendanceStatus.attended), (patients[1], .late), (patients[3], .absent)] {
                    _ = try await Attendance.mark(sessionID: session, rowID: rows[patient]!, to: status, expectedVersion: 1, by: principal, in: tx)
                }
            }

            let (detail, expectedNames, expectedStaff, expectedPayer, jurisdiction) = try await db.database.withTenant(tenant.organizationID) { tx in
                let detail = try await GroupSessions.detail(session, jurisdictions: resolver, syncingSupervisors: false, in: tx)
                let names = try await PeopleLookup.patientNames(patients, in: tx)
                let staff = try await PeopleLookup.staffNames(detail.supervisors.compactMap(\.supervisorUserID), in: tx)
                // Alpha covers the most participants on the date, so its Arizona rules are the ones that apply.
                let alpha = try #require(try await tx.rows("SELECT id FROM pm_payers WHERE payer_code = 'ALPHA'").first?.decode(UUID.self))
                let rules = try await Payers.groupRules(payerID: alpha, payerName: "Alpha Care", stateCode: "AZ", in: tx)
                return (detail, names, staff, rules, await resolver.resolve(siteID: tenant.siteID, in: tx))
            }
            #expect(detail.roster.map(\.displayName) == ["Ana Diaz", "Ben Cole", "Cy Diaz", "Dee Evans", "Eve Fox"])
            #expect(Set(detail.roster.map(\.displayName)) == Set(expectedNames.values))
            #expect(detail.supervisors.map(\.displayName) == ["Combined staff", "Second Supervisor"])
            #expect(detail.supervisors.map { expectedStaff[$0.supervisorUserID!] } == detail.supervisors.map(\.displayName))
            #expect(detail.roster.first { $0.patientID == patients[0] }?.status == .attended)
            #expect(detail.roster.first { $0.patientID == patients[0] }?.rowVersion == 2)
            #expect(detail.roster.first { $0.patientID == patients[0] }?.legalNextStates == [.absent, .late])
            #expect(detail.roster.first { $0.patientID == patients[2] }?.rowVersion == 1)
            #expect(detail.preview.payer == expectedPayer)
            #expect(expectedPayer.payerName == "Alpha Care")
            #expect(expectedPayer.supervision?.maxParticipantsPerSupervisor == 3)
            #expect(expectedPayer.bands.map(\.minParticipants) == [2, 5])
            let participants = (detail.roster + detail.supervisors).map { GroupParticipant(status: $0.status, isSupervisor: $0.supervisorUserID != nil) }
            #expect(detail.preview == previewGroupBilling(participants: participants, payer: expectedPayer, durationMinutes: 90,
                                                          billing: jurisdiction.billing))
            #expect(detail.summary.durationMinutes == 90)
            #expect((detail.summary.attended, detail.summary.late, detail.summary.absent, detail.summary.scheduled) == (1, 1, 1, 2))
            #expect(detail.summary.supervisors == ["Combined staff", "Second Supervisor"])
            #expect((detail.summary.sessionDate.description, detail.summary.startTime, detail.summary.endTime) == ("2026-03-02", "09:00", "10:30"))
            #expect((detail.location, detail.topic, detail.facilityState, detail.facilityTimeZone) == ("Room 2", "Sleep", "AZ", "America/Phoenix"))
            #expect(detail.summary.facilityName == "Combined clinic")
            #expect(!detail.summary.locked && detail.summary.documentationStatus == "open")
        }
    }

    @Test("a session with an empty roster reads with no payer; an unknown or another tenant's session is 404")
    func emptyAndMissing() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Empty", permissions: [.groupSessionRead], database: db.database)
            let other = try await TestTenant.create("Other", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let resolver = JurisdictionResolver(logger: db.logger)
            let session = try await db.database.withTenant(tenant.organizationID) { tx in
                try await GroupSessions.create(NewGroupSession(
                    facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate(year: 2026, month: 3, day: 2)!,
                    startTime: "09:00", endTime: "10:00", patientIDs: []), by: principal, in: tx)
            }
            let detail = try await db.database.withTenant(tenant.organizationID) { tx in
                try await GroupSessions.detail(session, jurisdictions: resolver, in: tx)
            }
            #expect(detail.roster.isEmpty && detail.supervisors.isEmpty)
            #expect(detail.preview.payer == nil)
            #expect(detail.summary.rosterSize == 0)
            for (organization, id) in [(tenant.organizationID, UUID()), (other.organizationID, session)] {
                await #expect(throws: DomainError.notFound("group session")) {
                    try await db.database.withTenant(organization) { tx in
                        _ = try await GroupSessions.detail(id, jurisdictions: resolver, in: tx)
                    }
                }
            }
        }
    }
}
