import PostgresNIO
/// A consumer of one event type. Its handler runs in a transaction scoped to the event's
/// organization; the delivery is marked done in that same transaction, so an effect and
/// its acknowledgement commit together, and the acknowledgement is fenced by the claim (see
/// `EventDispatcher`): what a handler writes in the database applies once. A handler is handed an
/// event again only if an earlier hand-over rolled back; an effect outside the database (a
/// message, a call) is therefore at least once, and keys itself with `TenantTransaction.claimOnce`.
public struct EventSubscriber: Sendable {
    public let name: String
    public let eventType: String
    /// Applies one organization's claimed events, in order, in one transaction.
    public let handleBatch: @Sendable ([EventEnvelope], TenantTransaction) async throws -> Void

    /// A subscriber that handles one event at a time, each with its own correlation id.
    public init(name: String, eventType: String, handle: @escaping @Sendable (EventEnvelope, TenantTransaction) async throws -> Void) {
        self.init(name: name, eventType: eventType) { envelopes, tx in
            for envelope in envelopes {
                try await handle(envelope, TenantTransaction(connection: tx.connection, organizationID: tx.organizationID,
                                                             correlationID: envelope.correlationID, logger: tx.logger, notifications: tx.notifications))
            }
        }
    }

    /// A subscriber that applies a batch at once (one statement for all of it, say); if the batch
    /// fails, the dispatcher tries each delivery alone and splits a failing one into one delivery
    /// per event.
    public init(name: String, eventType: String, handleBatch: @escaping @Sendable ([EventEnvelope], TenantTransaction) async throws -> Void) {
        self.name = name
        self.eventType = eventType
        self.handleBatch = handleBatch
    }
}

extension TenantTransaction {
    /// Records that `consumer` has applied the item keyed `key`; false when it already had.
    /// Call it first in a handler whose effect leaves the database, and return early on false.
    public func claimOnce(consumer: String, key: String) async throws -> Bool {
        let rows = try await self.rows("""
            INSERT INTO pf_processed_events (organization_id, consumer, idempotency_key)
            VALUES (\(organizationID), \(consumer), \(key))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        return !rows.isEmpty
    }

    /// The batch form of `claimOnce`: records every key not yet applied by `consumer` and
    /// returns those (the ones to apply now), in one statement.
    public func claimOnce(consumer: String, keys: [String]) async throws -> Set<String> {
        let rows = try await self.rows("""
            INSERT INTO pf_processed_events (organization_id, consumer, idempotency_key)
            SELECT \(organizationID), \(consumer), k FROM unnest(\(keys)::text[]) AS k
            ON CONFLICT DO NOTHING RETURNING idempotency_key
            """)
        return Set(try rows.map { try $0.decode(String.self) })
    }
}
