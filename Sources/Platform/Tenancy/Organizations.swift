import PostgresNIO
public import Foundation

/// A facility: where sessions happen, with the state whose rules apply and its time zone.
public struct Facility: Sendable, Equatable, Codable {
    public let id: UUID
    public let siteID: UUID
    public let name: String
    public let stateCode: String
    public let timeZone: String

    public init(id: UUID, siteID: UUID, name: String, stateCode: String, timeZone: String) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.stateCode = stateCode
        self.timeZone = timeZone
    }
}

/// Creating organizations, sites and facilities, each in the new tenant's own transaction.
public enum Organizations {
    /// Creates an organization with the default roles.
    public static func create(id: UUID = UUID.random(), name: String, slug: String, database: Database) async throws -> UUID {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.invalid("name", "An organization needs a name.") }
        try await database.withTenant(id) { tx in
            try await tx.query("INSERT INTO pf_organizations (id, name, slug) VALUES (\(id), \(name), \(slug))")
            for role in DefaultRoles.all {
                let roleID = UUID.random()
                try await tx.query("INSERT INTO pf_roles (organization_id, id, key, name) VALUES (\(id), \(roleID), \(role.key), \(role.name))")
                try await tx.query("""
                    INSERT INTO pf_role_permissions (organization_id, role_id, permission_key)
                    SELECT \(id), \(roleID), unnest(\(role.permissions.map(\.rawValue)))
                    """)
            }
        }
        return id
    }

    public static func createSite(id: UUID = UUID.random(), name: String, in tx: TenantTransaction) async throws -> UUID {
        try await tx.query("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(tx.organizationID), \(id), \(name))")
        return id
    }

    /// 404 unless the site is the organization's; another tenant's site is invisible here
    /// (row-level security), so it reads as missing.
    public static func requireSite(_ siteID: UUID, in tx: TenantTransaction) async throws {
        guard try await !tx.rows("SELECT 1 FROM pf_sites WHERE id = \(siteID)").isEmpty else { throw DomainError.notFound("site") }
    }

    /// The IANA zones a facility may name: the known identifiers (the OpenAPI document lists them),
    /// not every string `TimeZone(identifier:)` would also read (offsets such as `GMT+5`).
    public static let timeZoneIdentifiers = TimeZone.knownTimeZoneIdentifiers.sorted()

    /// Adds a facility; the state code and IANA time zone are checked here, not only by the database.
    public static func createFacility(id: UUID = UUID.random(), siteID: UUID, name: String, stateCode: String, timeZone: String,
                                      by principal: Principal?, in tx: TenantTransaction) async throws -> Facility {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.invalid("name", "A facility needs a name.") }
        guard stateCode.count == 2, stateCode.allSatisfy({ $0.isUppercase && $0.isASCII }) else {
            throw DomainError.invalid("state_code", "A state code is two capital letters, e.g. AZ.")
        }
        guard timeZoneIdentifiers.contains(timeZone) else {
            throw DomainError.invalid("time_zone", "Unknown IANA time zone \(timeZone).")
        }
        try await requireSite(siteID, in: tx)
        try await tx.query("""
            INSERT INTO pf_facilities (organization_id, id, site_id, name, state_code, time_zone)
            VALUES (\(tx.organizationID), \(id), \(siteID), \(name), \(stateCode), \(timeZone))
            """)
        try await AuditLog.record(AuditEntry(action: "facility.created", entityType: "facility", entityID: id.uuidString), by: principal, in: tx)
        return Facility(id: id, siteID: siteID, name: name, stateCode: stateCode, timeZone: timeZone)
    }

    /// Adds a staff member: a user (created when the email is new) with a membership and roles.
    public static func addStaff(email: String, displayName: String, password: String?, roleKeys: [String],
                                defaultFacilityID: UUID?, in tx: TenantTransaction) async throws -> (userID: UUID, membershipID: UUID) {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard email.contains("@"), email.count <= 254 else { throw DomainError.invalid("email", "A staff member needs a valid email address.") }
        let hash: String? = if let password { try await PasswordHasher.hash(password) } else { nil }
        let rows = try await tx.rows("""
            SELECT user_id, membership_id FROM pf_add_staff(\(tx.organizationID), \(email), \(displayName), \(hash), \(defaultFacilityID), \(roleKeys))
            """)
        guard let row = rows.first else { throw DomainError(.internalError, code: "STAFF_NOT_ADDED", message: "The staff member was not added.") }
        let (userID, membershipID) = try row.decode((UUID, UUID).self)
        return (userID, membershipID)
    }
}
