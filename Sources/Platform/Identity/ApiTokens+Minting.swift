import Foundation

extension ApiTokens {
    /// Mints a token for the principal's organization inside its tenant transaction, with the
    /// audit entry (scopes, never the secret) in the same transaction.
    public static func mint(name: String, scopes: [PermissionKey], lifetime: Duration, by principal: Principal,
                            in tx: TenantTransaction) async throws -> Minted {
        let minted = try await create(organizationID: tx.organizationID, name: name, scopes: scopes, userID: principal.userID,
                                      lifetime: lifetime, on: tx.connection, logger: tx.logger)
        try await AuditLog.record(AuditEntry(action: "api-token.created", entityType: "api_token", entityID: minted.id.uuidString,
                                             details: ["scopes": scopes.map(\.rawValue).joined(separator: " ")]), by: principal, in: tx)
        return minted
    }
}
