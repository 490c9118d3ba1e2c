import PostgresNIO
import Platform

/// Per-organization increasing numbers: claim numbers and interchange control numbers.
enum ClaimCounters {
    static let claimNumber = "claim_number"
    static let interchangeControlNumber = "interchange_control_number"

    /// Takes the next number. The row lock the upsert takes holds until the caller's transaction
    /// ends, so concurrent takers get distinct numbers and a rolled-back one is reused.
    static func next(_ name: String, in tx: TenantTransaction) async throws -> Int {
        let row = try await tx.rows("""
            INSERT INTO pm_counters (organization_id, name, last_value) VALUES (\(tx.organizationID), \(name), 1)
            ON CONFLICT (organization_id, name) DO UPDATE SET last_value = pm_counters.last_value + 1
            RETURNING last_value
            """)
        return try row[0].decode(Int.self)
    }

    /// The number `next` would take, without taking it (for previews).
    static func peek(_ name: String, in tx: TenantTransaction) async throws -> Int {
        let row = try await tx.rows("SELECT coalesce((SELECT last_value FROM pm_counters WHERE name = \(name)), 0) + 1")
        return try row[0].decode(Int.self)
    }

    /// `CL-000042`: fixed width so claim numbers sort as they were issued.
    static func claimNumber(_ value: Int) -> String {
        let digits = String(value)
        return "CL-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
