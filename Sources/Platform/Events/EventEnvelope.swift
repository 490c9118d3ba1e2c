import PostgresNIO
public import Foundation

/// An event as a subscriber receives it: the envelope every event carries, and its JSON payload.
public struct EventEnvelope: Sendable {
    public let id: UUID
    public let organizationID: UUID
    public let eventType: String
    public let version: Int
    public let correlationID: UUID
    public let occurredAt: Date
    /// How many times this subscriber has been handed the event, counting this one.
    public let attempt: Int
    public let payloadJSON: String

    /// Decodes the payload as the contract's type.
    public func payload<P: Decodable>(as type: P.Type) throws -> P {
        try JSONDecoder.events.decode(P.self, from: Data(payloadJSON.utf8))
    }
}

/// A published event type: its name, version, channel, payload shape and the rule a payload must
/// meet. The bus calls `validate` on every payload before anything is written, so the rule travels
/// with the contract and no publisher, in any process, can publish without it.
public protocol EventContract: Sendable {
    associatedtype Payload: Codable & Sendable
    static var eventType: String { get }
    static var version: Int { get }
    static var channel: String { get }
    /// Throws `EventValidationError` naming the field to refuse the whole payload (never sanitize).
    static func validate(_ payload: Payload) throws
}

extension SortedKeysJSONEncoder {
    /// Snake-case keys as Foundation's `convertToSnakeCase` spells them, ISO-8601 dates, sorted
    /// keys: as the event contracts are written and read.
    public static let events = SortedKeysJSONEncoder(keyName: EventPayloadKeys.snakeCased)
}

extension JSONDecoder {
    public static var events: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
