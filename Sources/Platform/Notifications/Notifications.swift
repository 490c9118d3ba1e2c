public import Foundation
import PostgresNIO

/// PF-10 in-app notifications: creating them once per reason, a user's inbox, its unread count
/// and marking one read.
public enum Notifications {
    /// Notifies each user unless that user already holds a notification for `reasonKey` (the
    /// unique key decides, so concurrent or repeated runs never notify twice). Returns the ids
    /// of the users newly notified.
    @discardableResult
    public static func notify(userIDs: [UUID], kind: String, reasonKey: String, title: String, link: String?,
                              in tx: TenantTransaction) async throws -> [UUID] {
        guard !userIDs.isEmpty else { return [] }
        var notified: [UUID] = []
        for try await user in try await tx.query("""
            INSERT INTO pf_notifications (organization_id, id, user_id, kind, reason_key, title, link)
            SELECT \(tx.organizationID), gen_random_uuid(), u, \(kind), \(reasonKey), \(title), \(link) FROM unnest(\(userIDs)::uuid[]) AS u
            ON CONFLICT (organization_id, user_id, reason_key) DO NOTHING
            RETURNING user_id
            """).decode(UUID.self) {
            notified.append(user)
        }
        return notified
    }

    /// A user's notifications, newest first.
    public static func inbox(userID: UUID, unreadOnly: Bool = false, limit: Int = 50, in tx: TenantTransaction) async throws -> [InboxNotification] {
        var found: [InboxNotification] = []
        for try await (id, kind, reason, title, link, created, read) in try await tx.query("""
            SELECT id, kind, reason_key, title, link, created_at, read_at FROM pf_notifications
            WHERE user_id = \(userID) AND (NOT \(unreadOnly) OR read_at IS NULL)
            ORDER BY created_at DESC, id LIMIT \(limit)
            """).decode((UUID, String, String, String, String?, Date, Date?).self) {
            found.append(InboxNotification(id: id, kind: kind, reasonKey: reason, title: title, link: link, createdAt: created, readAt: read))
        }
        return found
    }

    /// How many of the user's notifications are unread (the page header's count).
    public static func unreadCount(userID: UUID, in tx: TenantTransaction) async throws -> Int {
        try await tx.rows("SELECT count(*)::int FROM pf_notifications WHERE user_id = \(userID) AND read_at IS NULL")[0].decode(Int.self)
    }

    /// Marks one of the user's notifications read (again is harmless); 404 when it is not theirs.
    public static func markRead(id: UUID, userID: UUID, by principal: Principal?, in tx: TenantTransaction) async throws {
        let rows = try await tx.rows("""
            UPDATE pf_notifications SET read_at = coalesce(read_at, now()) WHERE id = \(id) AND user_id = \(userID) RETURNING 1
            """)
        guard !rows.isEmpty else { throw DomainError.notFound("notification") }
        try await AuditLog.record(AuditEntry(action: "notification.read", entityType: "notification", entityID: id.uuidString), by: principal, in: tx)
    }

    /// The users of the organization whose active membership holds `permission` through a role.
    public static func recipients(holding permission: PermissionKey, in tx: TenantTransaction) async throws -> [UUID] {
        var users: [UUID] = []
        for try await user in try await tx.query("""
            SELECT DISTINCT m.user_id FROM pf_memberships m
            JOIN pf_membership_roles mr ON mr.organization_id = m.organization_id AND mr.membership_id = m.id
            JOIN pf_role_permissions rp ON rp.organization_id = mr.organization_id AND rp.role_id = mr.role_id
            WHERE m.active AND rp.permission_key = \(permission.rawValue)
            ORDER BY m.user_id
            """).decode(UUID.self) {
            users.append(user)
        }
        return users
    }
}
