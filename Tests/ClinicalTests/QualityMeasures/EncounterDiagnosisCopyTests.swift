import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Each diagnosis carries its encounter's patient, kind, status and dates (the period reads find
/// diagnoses by them without joining the encounters); the copy must never differ from the encounter.
@Suite("Diagnoses carry their encounter's patient, kind, status and dates")
struct EncounterDiagnosisCopyTests {
    typealias F = EncounterBundleFixtures

    /// Diagnoses whose copy differs from their encounter's row, and all diagnoses.
    static func copies(_ db: TestDatabase) async throws -> (differing: Int, total: Int) {
        let differing = try await db.ownerScalars("""
            SELECT count(*)::int FROM cl_external_encounter_diagnoses d
            JOIN cl_external_encounters e ON e.organization_id = d.organization_id AND e.id = d.encounter_id
            WHERE (d.patient_id, d.kind, d.status, d.start_date, d.end_date) IS DISTINCT FROM (e.patient_id, e.kind, e.status, e.start_date, e.end_date)
            """, as: Int.self).first ?? -1
        let total = try await db.ownerScalars("SELECT count(*)::int FROM cl_external_encounter_diagnoses", as: Int.self).first ?? -1
        return (differing, total)
    }

    @Test("an import writes the copy, and a re-import moving an encounter to another patient, status and dates moves its diagnoses with it")
    func reimportKeepsCopyEqual() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Copies", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let (first, second) = try await db.database.withTenant(tenant.organizationID) { tx in
                (try await Patients.create(mrn: "MRN-1", givenName: "Ada", familyName: "Copy", dateOfBirth: "1990-01-01", by: nil, in: tx).id,
                 try await Patients.create(mrn: "MRN-2", givenName: "Bea", familyName: "Copy", dateOfBirth: "1991-01-01", by: nil, in: tx).id)
            }
            _ = try await db.database.withTenant(tenant.organizationID) { tx in
                try await EncounterImport.importBundle(F.bundle(F.sample(mrn: "MRN-1")), by: principal, in: tx)
            }
            #expect(try await Self.copies(db) == (0, 3))
            #expect(try await db.ownerScalars("""
                SELECT DISTINCT patient_id FROM cl_external_encounter_diagnoses
                """, as: UUID.self) == [first])

            var entries = F.sample(mrn: "MRN-1")
            entries[0] = F.encounter("stay", mrn: "MRN-2", classCode: "NONAC", start: "2026-03-06", end: "2026-03-12", status: "cancelled",
                                     ranked: [("c2", 2), ("c1", 1)])
            let moved = F.bundle(entries)
            let summary = try await db.database.withTenant(tenant.organizationID) { tx in
                try await EncounterImport.importBundle(moved, by: principal, in: tx)
            }
            #expect(summary == EncounterImportSummary(created: 0, updated: 1, unchanged: 2, diagnoses: 2))
            #expect(try await Self.copies(db) == (0, 3))
            let stay = try await db.ownerScalars("""
                SELECT d.patient_id::text || ' ' || d.kind || ' ' || d.status || ' ' || d.start_date || ' ' || d.end_date
                FROM cl_external_encounter_diagnoses d JOIN cl_external_encounters e ON e.organization_id = d.organization_id AND e.id = d.encounter_id
                WHERE e.source_id = 'V-stay' ORDER BY d.code
                """, as: String.self)
            let expected = "\(second.uuidString.lowercased()) nonacute_inpatient cancelled 2026-03-06 2026-03-12"
            #expect(stay == [expected, expected])
        }
    }

    @Test("the database keeps the copy: any update of an encounter's patient or dates reaches its diagnoses in the same statement")
    func databaseKeepsCopyEqual() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Copies", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let other = try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await Patients.create(mrn: "MRN-1", givenName: "Ada", familyName: "Copy", dateOfBirth: "1990-01-01", by: nil, in: tx)
                return try await Patients.create(mrn: "MRN-2", givenName: "Bea", familyName: "Copy", dateOfBirth: "1991-01-01", by: nil, in: tx).id
            }
            _ = try await db.database.withTenant(tenant.organizationID) { tx in
                try await EncounterImport.importBundle(F.bundle(F.sample(mrn: "MRN-1")), by: principal, in: tx)
            }
            try await db.asOwner("UPDATE cl_external_encounters SET patient_id = \(other), end_date = end_date + 1 WHERE source_id = 'V-stay'")
            #expect(try await Self.copies(db) == (0, 3))
            #expect(try await db.ownerScalars("""
                SELECT count(*)::int FROM cl_external_encounter_diagnoses WHERE patient_id = \(other) AND end_date = DATE '2026-03-11'
                """, as: Int.self) == [2])
        }
    }
}
