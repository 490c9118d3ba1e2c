import Foundation

/// The payload keys of the event contracts, in snake case exactly as Foundation's
/// `convertToSnakeCase` spells them (the contracts are written and read that way), worked out
/// once per key: Foundation converts every key of every payload again, which was about a fifth of
/// encoding an event's payload.
enum EventPayloadKeys {
    private static let known = LockedValue<[String: String]>([:])
    /// The keys come from the contracts' types (a dictionary's keys are left as they are), so the
    /// table stays small; the bound keeps it so whatever a future contract encodes.
    private static let capacity = 2_048

    static func snakeCased(_ key: String) -> String {
        if let snake = known.withValue({ $0[key] }) { return snake }
        let snake = foundationSnakeCased(key)
        known.withValue { if $0.count < capacity { $0[key] = snake } }
        return snake
    }

    /// Foundation's own conversion, read back from a one-key object it encoded.
    private static func foundationSnakeCased(_ key: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(key: key)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Bool],
              let snake = object.keys.first else { return key }
        return snake
    }

    private struct OneKey: Encodable {
        let key: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedCodingKey.self)
            try container.encode(true, forKey: NamedCodingKey(key))
        }
    }
}
