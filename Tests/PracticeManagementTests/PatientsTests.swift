import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Patients")
struct PatientsTests {
    static func migrations() throws -> [Migration] { try PlatformMigrations.all() + PracticeManagementModule.migrations() }

    @Test("a registered patient is found by id and listed in name order")
    func registerFindList() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let org = try await Organizations.create(name: "Clinic", slug: "clinic", database: db.database)
            let (zoe, ana) = try await db.database.withTenant(org) { tx in
                (try await Patients.create(mrn: "Z-1", givenName: "Zoe", familyName: "Young", dateOfBirth: "1985-06-07", by: nil, in: tx),
                 try await Patients.create(mrn: "A-1", givenName: "Ana", familyName: "Diaz", dateOfBirth: "1990-02-03", by: nil, in: tx))
            }
            let found = try await db.database.withTenant(org) { tx in try await Patients.find(zoe.id, in: tx) }
            #expect(found == zoe)
            let listed = try await db.database.withTenant(org) { tx in try await Patients.list(limit: 10, offset: 0, in: tx) }
            #expect(listed.map(\.mrn) == [ana.mrn, zoe.mrn])
            let second = try await db.database.withTenant(org) { tx in try await Patients.list(limit: 1, offset: 1, in: tx) }
            #expect(second.map(\.mrn) == ["Z-1"])
        }
    }

    @Test("invalid dates of birth are refused before anything is written", arguments: ["1990-13-01", "90-01-01", "1990/01/01", "", "1800-01-01"])
    func invalidDateOfBirth(value: String) async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let org = try await Organizations.create(name: "Clinic", slug: "clinic", database: db.database)
            await #expect(throws: DomainError.invalid("date_of_birth", "Use the form YYYY-MM-DD.")) {
                try await db.database.withTenant(org) { tx in
                    _ = try await Patients.create(mrn: "A-1", givenName: "Ana", familyName: "Diaz", dateOfBirth: value, by: nil, in: tx)
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [0])
        }
    }

    @Test("the same medical record number may exist in two organizations but not twice in one")
    func mrnIsUniquePerOrganization() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let a = try await Organizations.create(name: "A", slug: "org-a", database: db.database)
            let b = try await Organizations.create(name: "B", slug: "org-b", database: db.database)
            for org in [a, b] {
                _ = try await db.database.withTenant(org) { tx in
                    try await Patients.create(mrn: "SAME", givenName: "Ana", familyName: "Diaz", dateOfBirth: "1990-02-03", by: nil, in: tx)
                }
            }
            await #expect(throws: DomainError.self) {
                try await db.database.withTenant(a) { tx in
                    _ = try await Patients.create(mrn: "SAME", givenName: "Bo", familyName: "Li", dateOfBirth: "1991-02-03", by: nil, in: tx)
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [2])
        }
    }
}
