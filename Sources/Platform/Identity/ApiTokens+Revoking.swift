public import Foundation

extension ApiTokens {
    /// Revokes a token of the transaction's organization, with the audit entry in the same
    /// transaction (`nil` is the system, as for the operator's command). 404 for an unknown id or
    /// another organization's; 409 when already revoked.
    public static func revoke(_ id: UUID, by principal: Principal?, in tx: TenantTransaction) async throws -> Summary {
        let token = try await revoke(id, organizationID: tx.organizationID, on: tx.connection, logger: tx.logger)
        try await AuditLog.record(AuditEntry(action: "api-token.revoked", entityType: "api_token", entityID: id.uuidString), by: principal, in: tx)
        return token
    }
}
