import PostgresNIO
public import Foundation
public import Logging

/// The event bus: who subscribes to what, optional validators per event type, and
/// publishing into the transactional outbox.
public final class EventBus: Sendable {
    /// The NOTIFY channel that wakes dispatchers.
    public static let wakeChannel = "pf_events"

    private let state = LockedValue(Registry())
    public let logger: Logger

    struct Registry {
        var subscribers: [String: [EventSubscriber]] = [:]
        var validators: [String: @Sendable (String) throws -> Void] = [:]
    }

    public init(logger: Logger) { self.logger = logger }

    /// Adds a subscriber; register all of them before the dispatcher starts.
    public func subscribe(_ subscriber: EventSubscriber) {
        state.withValue { $0.subscribers[subscriber.eventType, default: []].append(subscriber) }
    }

    /// Adds a validator that sees the payload JSON before anything is written and throws
    /// `EventValidationError` to refuse the whole payload.
    public func validate(_ eventType: String, with validator: @escaping @Sendable (String) throws -> Void) {
        state.withValue { $0.validators[eventType] = validator }
    }

    func subscriber(named name: String, for eventType: String) -> EventSubscriber? {
        state.get().subscribers[eventType]?.first { $0.name == name }
    }

    public func subscriberNames(for eventType: String) -> [String] {
        (state.get().subscribers[eventType] ?? []).map(\.name)
    }

    /// Writes the event and one delivery per subscriber in the caller's transaction: if the
    /// transaction rolls back, the event never existed. Returns the event id.
    @discardableResult
    public func publish<C: EventContract>(_ contract: C.Type, _ payload: C.Payload, in tx: TenantTransaction) async throws -> UUID {
        try await publishAll(contract, [payload], in: tx)[0]
    }

    /// Publishes several events of one type in two statements, whatever their number; a
    /// validator refusing any payload refuses them all before anything is written.
    @discardableResult
    public func publishAll<C: EventContract>(_ contract: C.Type, _ payloads: [C.Payload], in tx: TenantTransaction) async throws -> [UUID] {
        let json = try payloads.map { String(decoding: try JSONEncoder.events.encode($0), as: UTF8.self) }
        return try await publishJSON(eventType: C.eventType, version: C.version, channel: C.channel, payloadsJSON: json, in: tx)
    }

    /// Publishes already-encoded payloads (used by integrations that forward JSON as received).
    @discardableResult
    public func publishJSON(eventType: String, version: Int, channel: String, payloadsJSON: [String], in tx: TenantTransaction) async throws -> [UUID] {
        guard !payloadsJSON.isEmpty else { return [] }
        let registry = state.get()
        if let validator = registry.validators[eventType] {
            for payload in payloadsJSON {
                do { try validator(payload) } catch let error as EventValidationError {
                    logger.warning("event refused by validator", metadata: ["event_type": .string(eventType), "field": .string(error.field)])
                    throw error
                }
            }
        }
        let ids = payloadsJSON.map { _ in UUID() }
        let subscribers = (registry.subscribers[eventType] ?? []).map(\.name)
        try await tx.query("""
            WITH event AS (
              INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, payload, correlation_id, occurred_at)
              SELECT \(tx.organizationID), e.id, \(eventType), \(version), \(channel), e.payload::jsonb, \(tx.correlationID), clock_timestamp()
              FROM unnest(\(ids)::uuid[], \(payloadsJSON)::text[]) AS e(id, payload)
              RETURNING organization_id, id
            )
            INSERT INTO pf_event_deliveries (organization_id, event_id, subscriber)
            SELECT event.organization_id, event.id, s FROM event, unnest(\(subscribers)::text[]) AS s
            """)
        if !subscribers.isEmpty {
            // NOTIFY is delivered on commit and folded with identical ones in the same transaction.
            try await tx.query("SELECT pg_notify(\(Self.wakeChannel), '')")
        }
        return ids
    }
}
