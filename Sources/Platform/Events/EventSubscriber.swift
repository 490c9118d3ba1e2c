import PostgresNIO
/// A consumer of one event type. Its handler runs in a transaction scoped to the event's
/// organization; the delivery is marked done in that same transaction, so an effect and
/// its acknowledgement commit together. Delivery is at least once: handlers are idempotent
/// by the key their contract names (see `TenantTransaction.claimOnce`).
public struct EventSubscriber: Sendable {
    public let name: String
    public let eventType: String
    public let handle: @Sendable (EventEnvelope, TenantTransaction) async throws -> Void

    public init(name: String, eventType: String, handle: @escaping @Sendable (EventEnvelope, TenantTransaction) async throws -> Void) {
        self.name = name
        self.eventType = eventType
        self.handle = handle
    }
}

extension TenantTransaction {
    /// Records that `consumer` has applied the item keyed `key`; false when it already had.
    /// Call it first in a handler and return early on false.
    public func claimOnce(consumer: String, key: String) async throws -> Bool {
        let rows = try await self.rows("""
            INSERT INTO pf_processed_events (organization_id, consumer, idempotency_key)
            VALUES (\(organizationID), \(consumer), \(key))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        return !rows.isEmpty
    }
}
