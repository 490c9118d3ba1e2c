import Foundation
import PostgresNIO

/// The organization, user and default facility a principal's pages and `/me` show.
public struct HomeQuery: Sendable {
    public let organizationName: String
    public let displayName: String?
    public let facility: Facility?
    /// The signed-in user's unread in-app notifications (PF-10), counted for the page header.
    public let unreadNotifications: Int

    public static func load(_ principal: Principal, database: Database) async throws -> HomeQuery {
        try await database.withTenant(principal.organizationID) { tx in
            var organizationName = ""
            for try await name in try await tx.query("SELECT name FROM pf_organizations").decode(String.self) { organizationName = name }
            var displayName: String?
            var facility: Facility?
            var unread = 0
            if let userID = principal.userID {
                unread = try await Notifications.unreadCount(userID: userID, in: tx)
                for try await (name, fid, site, fname, state, zone) in try await tx.query("""
                    SELECT u.display_name, f.id, f.site_id, f.name, f.state_code, f.time_zone
                    FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id
                    LEFT JOIN pf_facilities f ON f.organization_id = m.organization_id AND f.id = m.default_facility_id
                    WHERE m.user_id = \(userID)
                    """).decode((String, UUID?, UUID?, String?, String?, String?).self) {
                    displayName = name
                    if let fid, let site, let fname, let state, let zone {
                        facility = Facility(id: fid, siteID: site, name: fname, stateCode: state, timeZone: zone)
                    }
                }
            }
            return HomeQuery(organizationName: organizationName, displayName: displayName, facility: facility, unreadNotifications: unread)
        }
    }
}
