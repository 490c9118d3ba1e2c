public import Foundation
import PostgresNIO

/// A stored audit entry as the audit-log reader sees it.
public struct AuditRecord: Sendable {
    public let id: Int
    public let occurredAt: Date
    public let actorUserID: UUID?
    public let actorTokenID: UUID?
    public let action: String
    public let entityType: String
    public let entityID: String?
    public let reason: String?
    public let correlationID: UUID?
}

extension AuditLog {
    /// The organization's entries, newest first.
    public static func recent(limit: Int, offset: Int, in tx: TenantTransaction) async throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        for try await (id, at, user, token, action, type, entity, reason, correlation) in try await tx.query("""
            SELECT id, occurred_at, actor_user_id, actor_token_id, action, entity_type, entity_id, reason, correlation_id
            FROM pf_audit_log ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
            """).decode((Int, Date, UUID?, UUID?, String, String, String?, String?, UUID?).self) {
            records.append(AuditRecord(id: id, occurredAt: at, actorUserID: user, actorTokenID: token, action: action, entityType: type,
                                       entityID: entity, reason: reason, correlationID: correlation))
        }
        return records
    }
}
