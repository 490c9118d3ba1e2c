public import Foundation
import PostgresNIO

extension Organizations {
    /// The organization's facilities, by name.
    public static func facilities(in tx: TenantTransaction) async throws -> [Facility] {
        var facilities: [Facility] = []
        for try await (id, site, name, state, zone) in try await tx.query(
            "SELECT id, site_id, name, state_code, time_zone FROM pf_facilities ORDER BY name").decode((UUID, UUID, String, String, String).self) {
            facilities.append(Facility(id: id, siteID: site, name: name, stateCode: state, timeZone: zone))
        }
        return facilities
    }

    /// The facility a staff member's lists open on, when one is set.
    public static func defaultFacilityID(userID: UUID, in tx: TenantTransaction) async throws -> UUID? {
        try await tx.rows("SELECT default_facility_id FROM pf_memberships WHERE user_id = \(userID)").first?.decode(UUID?.self)
    }
}
