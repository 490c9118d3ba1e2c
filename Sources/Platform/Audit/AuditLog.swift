import PostgresNIO
import Foundation

/// One audit entry: who did what to which record and why. Ids and codes only, never PHI.
public struct AuditEntry: Sendable {
    public let action: String
    public let entityType: String
    public let entityID: String?
    public let reason: String?
    /// Codes and ids that describe the change (e.g. `{"before": "ATTENDED", "after": "ABSENT"}`).
    public let details: [String: String]

    public init(action: String, entityType: String, entityID: String?, reason: String? = nil, details: [String: String] = [:]) {
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.reason = reason
        self.details = details
    }
}

/// The append-only audit log; the application role may insert and read, never change.
public enum AuditLog {
    /// Records an entry in the caller's transaction, so it commits or rolls back with the change.
    public static func record(_ entry: AuditEntry, by principal: Principal?, in tx: TenantTransaction) async throws {
        let details = String(decoding: try JSONEncoder().encode(entry.details), as: UTF8.self)
        try await tx.query("""
            INSERT INTO pf_audit_log (organization_id, actor_user_id, actor_token_id, action, entity_type, entity_id, reason, correlation_id, details)
            VALUES (\(tx.organizationID), \(principal?.userID), \(principal?.tokenID), \(entry.action), \(entry.entityType),
                    \(entry.entityID), \(entry.reason), \(tx.correlationID), \(details)::jsonb)
            """)
    }
}
