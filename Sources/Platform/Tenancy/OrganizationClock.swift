public import Foundation
import PostgresNIO

extension Organizations {
    /// The wall clock a tenant's dates are read on: the facility's zone when one is named, else
    /// its organization's first facility's (by name), UTC when it has none. One rule for the
    /// session list's and the compliance report's "today" and the 837P envelope's dates.
    public static func timeZone(facility: UUID?, in tx: TenantTransaction) async throws -> TimeZone {
        let zone = try await tx.rows("""
            SELECT time_zone FROM pf_facilities WHERE (\(facility)::uuid IS NULL OR id = \(facility)) ORDER BY name, id LIMIT 1
            """).first?.decode(String.self)
        return zone.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }
}
