public import Foundation
public import Logging
public import PostgresNIO

/// Operator tools for deliveries that kept failing: list them and send them again.
public enum DeadLetters {
    public struct Entry: Sendable, Equatable {
        public let organizationID: UUID
        public let eventID: UUID
        public let eventType: String
        public let subscriber: String
        public let attempts: Int
        public let lastError: String?
        public let occurredAt: Date
    }

    /// Dead deliveries visible to the connection's role (all tenants for the owner).
    public static func list(on connection: PostgresConnection, logger: Logger, limit: Int = 100) async throws -> [Entry] {
        var entries: [Entry] = []
        for try await (org, id, type, subscriber, attempts, error, occurred) in try await connection.query("""
            SELECT d.organization_id, e.event_id, o.event_type, d.subscriber, d.attempts, d.last_error, o.occurred_at
            FROM pf_event_deliveries d CROSS JOIN LATERAL unnest(d.event_ids) AS e(event_id)
            JOIN pf_event_outbox o ON o.organization_id = d.organization_id AND o.id = e.event_id
            WHERE d.status = 'dead' ORDER BY o.occurred_at LIMIT \(limit)
            """, logger: logger).decode((UUID, UUID, String, String, Int, String?, Date).self) {
            entries.append(Entry(organizationID: org, eventID: id, eventType: type, subscriber: subscriber,
                                 attempts: attempts, lastError: error, occurredAt: occurred))
        }
        return entries
    }

    /// Puts dead deliveries of an event back in the queue with a fresh attempt count (a dead
    /// delivery holds that one event).
    /// Returns how many were replayed (zero when the id has no dead delivery).
    public static func replay(eventID: UUID, subscriber: String?, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query("""
            UPDATE pf_event_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
            WHERE status = 'dead' AND \(eventID) = ANY(event_ids) AND (\(subscriber)::text IS NULL OR subscriber = \(subscriber))
            RETURNING 1
            """, logger: logger) { count += 1 }
        if count > 0 { try await connection.query("SELECT pg_notify(\(EventBus.wakeChannel), '')", logger: logger) }
        return count
    }
}
