public import Foundation
public import Platform

/// An organization with one site, one facility, one staff member and an API token holding
/// exactly the given permissions: the smallest tenant an API or CLI test needs.
public struct TestTenant: Sendable {
    public let organizationID: UUID
    public let siteID: UUID
    public let facility: Facility
    public let userID: UUID
    public let email: String
    public let password: String
    /// The bearer secret, `clt_…`.
    public let token: String

    public var authorization: String { "Bearer \(token)" }

    public static func create(
        _ name: String, permissions: [PermissionKey], roles: [String] = ["administrator"], stateCode: String = "AZ",
        timeZone: String = "America/Phoenix", database: Database
    ) async throws -> TestTenant {
        let slug = name.lowercased().replacingOccurrences(of: " ", with: "-") + "-" + UUID().uuidString.prefix(8).lowercased()
        let org = try await Organizations.create(name: name, slug: slug, database: database)
        let email = "staff@\(slug).example"
        let password = "correct horse battery"
        return try await database.withTenant(org) { tx in
            let site = try await Organizations.createSite(name: "\(name) site", in: tx)
            let facility = try await Organizations.createFacility(siteID: site, name: "\(name) clinic", stateCode: stateCode,
                                                                  timeZone: timeZone, by: nil, in: tx)
            let staff = try await Organizations.addStaff(email: email, displayName: "\(name) staff", password: password,
                                                         roleKeys: roles, defaultFacilityID: facility.id, in: tx)
            let minted = try await ApiTokens.create(organizationID: org, name: "test", scopes: permissions, userID: staff.userID,
                                                    lifetime: .seconds(3600), on: tx.connection, logger: tx.logger)
            return TestTenant(organizationID: org, siteID: site, facility: facility, userID: staff.userID, email: email,
                              password: password, token: minted.secret)
        }
    }
}
