public import Foundation
import PostgresNIO

/// Integration-layer read of Practice Management's payers for the other cores, which hold a payer
/// only as an id (never a foreign key across cores).
public enum PayerLookup {
    /// Whether a payer with this id exists in the transaction's organization (another tenant's reads as missing).
    public static func exists(_ payerID: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.rows("SELECT 1 FROM pm_payers WHERE id = \(payerID)").isEmpty
    }

    /// Display names of the payers that exist in this organization; unknown ids are absent.
    public static func names(_ ids: [UUID], in tx: TenantTransaction) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for try await (id, name) in try await tx.query("SELECT id, name FROM pm_payers WHERE id = ANY(\(ids))").decode((UUID, String).self) {
            names[id] = name
        }
        return names
    }

    /// Every payer of this organization, by name, for the pages that pick one.
    public static func all(in tx: TenantTransaction) async throws -> [(id: UUID, name: String)] {
        var payers: [(id: UUID, name: String)] = []
        for try await (id, name) in try await tx.query("SELECT id, name FROM pm_payers ORDER BY name, id").decode((UUID, String).self) {
            payers.append((id, name))
        }
        return payers
    }
}
