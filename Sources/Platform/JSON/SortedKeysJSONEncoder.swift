public import Foundation

/// Compact JSON with every object's keys in UTF-8 order: byte for byte what Foundation's
/// `JSONEncoder` writes with `.sortedKeys`, `.iso8601` dates and a key strategy that renames each
/// key by itself (`keyName`), written straight into one buffer. Foundation first builds a tree of
/// values (an object per container, a dictionary per object) and hands every key's whole coding
/// path to the key strategy; for the room's mark reply and the event payloads that was the largest
/// item of this process's CPU (docs/BENCHMARKS.md).
///
/// As Foundation does with a key strategy: a dictionary keyed by `String` keeps its keys as given,
/// a value that encodes nothing is `{}`, a key written twice keeps its last value, dates are
/// ISO 8601 at whole seconds, `URL`s their absolute string, `Decimal`s their description, `Data`
/// base 64. A use of the coding containers this writer does not follow (a super-encoder, a
/// container written to after a later one has been opened beside it, a floating-point value that
/// is not a number) is handed to Foundation's own encoder, configured the same, so the output and
/// the errors are Foundation's in every case.
public struct SortedKeysJSONEncoder: Sendable {
    /// A key's name in the output, from its name in Swift; called once per key written.
    public let keyName: @Sendable (String) -> String

    public init(keyName: @escaping @Sendable (String) -> String) {
        self.keyName = keyName
    }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try streamed(value) { return bytes }
        return Array(try foundationEncoder.encode(value))
    }

    /// The bytes written without Foundation, or nil where Foundation must write them.
    func streamed<T: Encodable>(_ value: T) throws -> [UInt8]? {
        let writer = JSONStreamWriter(keyName: keyName)
        let wroteNothing: Bool
        do {
            wroteNothing = try writer.writeTopLevel(value)
        } catch where error is JSONStreamWriter.NotFollowed || !writer.followedFoundation {
            // A value's own code may catch the writer's refusal and throw something else; what
            // Foundation would have written still decides.
            return nil
        }
        // Foundation refuses a top-level value that encodes nothing; let it say so.
        guard writer.followedFoundation, !wroteNothing else { return nil }
        return writer.bytes
    }

    /// Foundation's encoder with the same settings: the fallback, and the reference the tests compare with.
    public var foundationEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        let keyName = self.keyName
        encoder.keyEncodingStrategy = .custom { path in NamedCodingKey(keyName(path[path.count - 1].stringValue)) }
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
