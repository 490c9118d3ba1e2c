import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// A small, realistic practice for trying the product: two organizations (so isolation can
/// be seen), facilities in Arizona and California, staff in each role, invented patients.
enum DemoData {
    static let password = "demo-password"

    struct Staff {
        let email: String
        let name: String
        let roles: [String]
    }

    struct Organization {
        let slug: String
        let name: String
        let site: String
        let facilities: [(name: String, state: String, zone: String)]
        let staff: [Staff]
        let patients: [(mrn: String, given: String, family: String, dob: String)]
    }

    static let organizations: [Organization] = [
        Organization(
            slug: "desert-bloom", name: "Desert Bloom Behavioral Health", site: "Phoenix campus",
            facilities: [("Phoenix Outpatient Center", "AZ", "America/Phoenix"), ("Tucson IOP Program", "AZ", "America/Phoenix")],
            staff: [
                Staff(email: "admin@desertbloom.example", name: "Alma Reyes", roles: ["administrator"]),
                Staff(email: "supervisor@desertbloom.example", name: "Dr. Marcus Hale", roles: ["supervisor"]),
                Staff(email: "facilitator@desertbloom.example", name: "Jordan Pike", roles: ["facilitator"]),
                Staff(email: "billing@desertbloom.example", name: "Priya Natarajan", roles: ["billing"]),
                Staff(email: "counselor@desertbloom.example", name: "Owen Castillo", roles: ["financial-counselor"]),
                Staff(email: "finance@desertbloom.example", name: "Grace Whitfield", roles: ["finance"]),
                Staff(email: "quality@desertbloom.example", name: "Nadia Ferreira", roles: ["quality-manager"]),
            ],
            patients: [("DB-1001", "Ramona", "Vickers", "1986-03-14"), ("DB-1002", "Tobias", "Lund", "1992-11-02"),
                       ("DB-1003", "Celeste", "Ahn", "1979-06-21"), ("DB-1004", "Dario", "Mendez", "2001-01-30"),
                       ("DB-1005", "Harriet", "Okafor", "1968-09-09"), ("DB-1006", "Milo", "Brandt", "1995-04-17"),
                       ("DB-1007", "Imani", "Foster", "1988-12-05"), ("DB-1008", "Quentin", "Sato", "1974-07-28")]),
        Organization(
            slug: "pacific-coast", name: "Pacific Coast Recovery", site: "East Bay",
            facilities: [("Oakland Community Clinic", "CA", "America/Los_Angeles")],
            staff: [
                Staff(email: "admin@pacificcoast.example", name: "Noah Kimura", roles: ["administrator"]),
                Staff(email: "facilitator@pacificcoast.example", name: "Lena Duarte", roles: ["facilitator", "supervisor"]),
            ],
            patients: [("PC-2001", "Soren", "Albright", "1990-02-11"), ("PC-2002", "Yara", "Haddad", "1983-08-19"),
                       ("PC-2003", "Felix", "Moreau", "1999-05-03"), ("PC-2004", "Nadia", "Petrov", "1972-10-25"),
                       ("PC-2005", "Emil", "Varga", "1987-01-08"), ("PC-2006", "Rosa", "Quintero", "1994-07-12"),
                       ("PC-2007", "Theo", "Lindqvist", "1981-03-29"), ("PC-2008", "Ines", "Carvalho", "1997-11-16")]),
    ]

    /// Loads every organization that is not there yet. Returns the slugs it created.
    static func load(into database: Database, bus: EventBus) async throws -> [String] {
        var created: [String] = []
        for organization in organizations {
            // The first administrator's email finds an organization that is already loaded.
            if let id = try await existingOrganization(adminEmail: organization.staff[0].email, database: database) {
                // Billing set-up arrived after the first demo data; add it to older demo databases too.
                try await DemoBilling.load(organizationSlug: organization.slug, organizationID: id, database: database)
                try await DemoClaims.load(organizationSlug: organization.slug, organizationID: id, database: database)
                try await DemoSessions.ensureToday(organizationID: id, database: database)
                try await DemoIOPAttendance.ensureLastWeek(organizationID: id, database: database)
                try await DemoQualityMeasures.ensureYear(organizationSlug: organization.slug, organizationID: id, database: database, bus: bus)
                try await DemoValueBasedPurchasing.ensureContracts(organizationSlug: organization.slug, organizationID: id, database: database)
                try await DemoFinancialCounseling.load(organizationID: id, database: database)
                continue
            }
            let id = try await Organizations.create(name: organization.name, slug: organization.slug, database: database)
            try await database.withTenant(id) { tx in
                let site = try await Organizations.createSite(name: organization.site, in: tx)
                var facilities: [Facility] = []
                for facility in organization.facilities {
                    facilities.append(try await Organizations.createFacility(siteID: site, name: facility.name, stateCode: facility.state,
                                                                             timeZone: facility.zone, by: nil, in: tx))
                }
                for staff in organization.staff {
                    _ = try await Organizations.addStaff(email: staff.email, displayName: staff.name, password: password, roleKeys: staff.roles,
                                                         defaultFacilityID: facilities.first?.id, in: tx)
                }
                for patient in organization.patients {
                    _ = try await Patients.create(mrn: patient.mrn, givenName: patient.given, familyName: patient.family,
                                                  dateOfBirth: patient.dob, by: nil, in: tx)
                }
            }
            try await DemoBilling.load(organizationSlug: organization.slug, organizationID: id, database: database)
            try await DemoClaims.load(organizationSlug: organization.slug, organizationID: id, database: database)
            try await DemoSessions.ensureToday(organizationID: id, database: database)
            try await DemoIOPAttendance.ensureLastWeek(organizationID: id, database: database)
            try await DemoQualityMeasures.ensureYear(organizationSlug: organization.slug, organizationID: id, database: database, bus: bus)
            try await DemoValueBasedPurchasing.ensureContracts(organizationSlug: organization.slug, organizationID: id, database: database)
            try await DemoFinancialCounseling.load(organizationID: id, database: database)
            created.append(organization.slug)
        }
        return created
    }

    static func existingOrganization(adminEmail: String, database: Database) async throws -> UUID? {
        try await database.withoutTenant { connection in
            for try await id in try await connection.query("SELECT organization_id FROM pf_sign_in_candidates(\(adminEmail))",
                                                           logger: database.logger).decode(UUID.self) { return id }
            return nil
        }
    }

    static func summary(created: [String]) -> String {
        var lines = [created.isEmpty ? "Demo data is already loaded." : "Loaded demo organizations: \(created.joined(separator: ", ")).",
                     "Sign in with any of these (password: \(password)):"]
        for organization in organizations {
            lines.append("  \(organization.name):")
            for staff in organization.staff { lines.append("    \(staff.email.padding(toLength: 34, withPad: " ", startingAt: 0)) \(staff.roles.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n")
    }
}
