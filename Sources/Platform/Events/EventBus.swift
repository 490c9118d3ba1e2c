import PostgresNIO
public import Foundation
public import Logging

/// The event bus: who subscribes to what, and publishing into the transactional outbox after each
/// payload has passed its contract's own validation.
public final class EventBus: Sendable {
    /// The NOTIFY channel that wakes dispatchers.
    public static let wakeChannel = "pf_events"

    private let state = LockedValue(Registry())
    public let logger: Logger

    struct Registry {
        var subscribers: [String: [EventSubscriber]] = [:]
    }

    public init(logger: Logger) { self.logger = logger }

    /// Adds a subscriber; register all of them before the dispatcher starts.
    public func subscribe(_ subscriber: EventSubscriber) {
        state.withValue { $0.subscribers[subscriber.eventType, default: []].append(subscriber) }
    }

    func subscriber(named name: String, for eventType: String) -> EventSubscriber? {
        state.get().subscribers[eventType]?.first { $0.name == name }
    }

    public func subscriberNames(for eventType: String) -> [String] {
        (state.get().subscribers[eventType] ?? []).map(\.name)
    }

    /// Writes the event and its delivery to each subscriber in the caller's transaction: if the
    /// transaction rolls back, the event never existed. Returns the event id.
    @discardableResult
    public func publish<C: EventContract>(_ contract: C.Type, _ payload: C.Payload, in tx: TenantTransaction) async throws -> UUID {
        try await publishAll(contract, [payload], in: tx)[0]
    }

    /// Publishes several events of one type in one statement, whatever their number, with one
    /// delivery per subscriber that covers them all (the dispatcher splits it per event only if
    /// handling it fails); the contract refusing any payload refuses them all before anything is written.
    @discardableResult
    public func publishAll<C: EventContract>(_ contract: C.Type, _ payloads: [C.Payload], in tx: TenantTransaction) async throws -> [UUID] {
        guard !payloads.isEmpty else { return [] }
        for payload in payloads {
            do { try C.validate(payload) } catch let error as EventValidationError {
                // The field names the rule that failed; the refused value is never logged.
                logger.warning("event refused by its contract", metadata: ["event_type": .string(C.eventType), "field": .string(error.field)])
                throw error
            }
        }
        let payloadsJSON = try payloads.map { String(decoding: try SortedKeysJSONEncoder.events.encode($0), as: UTF8.self) }
        let eventType = C.eventType, version = C.version, channel = C.channel
        // Time-ordered, so one publish's events sit together under the outbox's key (see `timeOrdered`).
        let ids = UUID.timeOrdered(count: payloadsJSON.count)
        let subscribers = (state.get().subscribers[eventType] ?? []).map(\.name)
        _ = try await tx.execute(PublishEventsStatement(organizationID: tx.organizationID, correlationID: tx.correlationID, eventType: eventType,
                                                        version: version, channel: channel, ids: ids, payloads: payloadsJSON,
                                                        subscribers: subscribers))
        if !subscribers.isEmpty { tx.notifyAfterCommit(Self.wakeChannel) }
        return ids
    }
}
