public import Foundation
import PostgresNIO

extension Organizations {
    /// The state an organization works in: the facility's when one is named, else its first
    /// facility's (by name), the same choice as `timeZone(facility:)`; nil when it has none.
    public static func stateCode(facility: UUID?, in tx: TenantTransaction) async throws -> String? {
        try await tx.rows("""
            SELECT state_code::text FROM pf_facilities WHERE (\(facility)::uuid IS NULL OR id = \(facility)) ORDER BY name, id LIMIT 1
            """).first?.decode(String.self)
    }
}
