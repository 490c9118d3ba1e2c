import Foundation

/// The `Encoder` a value is handed by `JSONStreamWriter`: its containers write into the writer's
/// buffer. `depth` is where the value's own container goes on the writer's stack; `mark` is the
/// buffer's length when the value began (anything past it means the value has written itself).
struct JSONStreamValueEncoder: Encoder {
    let writer: JSONStreamWriter
    let depth: Int
    let mark: Int

    var codingPath: [any CodingKey] { writer.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(writer: writer, index: depth, serial: openOrReuse(keyed: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamUnkeyedContainer(writer: writer, index: depth, serial: openOrReuse(keyed: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValue(writer: writer, depth: depth, mark: mark)
    }

    /// Asking twice for a keyed container gives the same object, as with Foundation; anything else
    /// after the value has started writing itself is refused (serial 0 never matches a frame).
    private func openOrReuse(keyed: Bool) -> Int {
        if writer.count == mark, writer.depth == depth { return writer.open(keyed: keyed) }
        if keyed, let serial = writer.keyedFrameSerial(at: depth) { return serial }
        writer.refuse()
        return 0
    }
}

extension JSONStreamWriter {
    /// The serial of the object open at `index`, when one is.
    func keyedFrameSerial(at index: Int) -> Int? {
        guard followedFoundation, let frame = frame(at: index), frame.keyed else { return nil }
        return frame.serial
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let index: Int
    let serial: Int

    var codingPath: [any CodingKey] { writer.codingPath }

    private func begin(_ key: Key) throws {
        try writer.beginEntry(in: index, serial: serial, name: writer.keyName(key.stringValue))
    }

    mutating func encodeNil(forKey key: Key) throws { try begin(key); writer.writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); writer.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try begin(key); try writer.write(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try begin(key); try writer.write(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); writer.write(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try begin(key); try writer.writeValue(value, key: key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let serial = (try? begin(key)).map { writer.open(keyed: true) } ?? 0
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: writer, index: index + 1, serial: serial))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let serial = (try? begin(key)).map { writer.open(keyed: false) } ?? 0
        return JSONStreamUnkeyedContainer(writer: writer, index: index + 1, serial: serial)
    }

    mutating func superEncoder() -> any Encoder { writer.refusedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { writer.refusedEncoder() }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let index: Int
    let serial: Int
    private(set) var count = 0

    init(writer: JSONStreamWriter, index: Int, serial: Int) {
        self.writer = writer
        self.index = index
        self.serial = serial
    }

    var codingPath: [any CodingKey] { writer.codingPath }

    private mutating func begin() throws {
        try writer.beginElement(in: index, serial: serial)
        count += 1
    }

    mutating func encodeNil() throws { try begin(); writer.writeNull() }
    mutating func encode(_ value: Bool) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: String) throws { try begin(); writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try begin(); try writer.write(value) }
    mutating func encode(_ value: Float) throws { try begin(); try writer.write(value) }
    mutating func encode(_ value: Int) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int8) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int16) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int32) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int64) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt8) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt16) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt32) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt64) throws { try begin(); writer.write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try writer.writeValue(value, key: JSONIndexKey(intValue: count - 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let serial = (try? begin()).map { writer.open(keyed: true) } ?? 0
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: writer, index: index + 1, serial: serial))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let serial = (try? begin()).map { writer.open(keyed: false) } ?? 0
        return JSONStreamUnkeyedContainer(writer: writer, index: index + 1, serial: serial)
    }

    mutating func superEncoder() -> any Encoder { writer.refusedEncoder() }
}

struct JSONStreamSingleValue: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let depth: Int
    let mark: Int

    var codingPath: [any CodingKey] { writer.codingPath }

    /// One value, once, and only where the value's own container would have gone.
    private func begin() throws {
        guard writer.followedFoundation, writer.count == mark, writer.depth == depth else {
            writer.refuse()
            throw JSONStreamWriter.NotFollowed()
        }
    }

    mutating func encodeNil() throws { try begin(); writer.writeNull() }
    mutating func encode(_ value: Bool) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: String) throws { try begin(); writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try begin(); try writer.write(value) }
    mutating func encode(_ value: Float) throws { try begin(); try writer.write(value) }
    mutating func encode(_ value: Int) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int8) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int16) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int32) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: Int64) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt8) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt16) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt32) throws { try begin(); writer.write(value) }
    mutating func encode(_ value: UInt64) throws { try begin(); writer.write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try begin(); try writer.writeValue(value, key: nil) }
}

extension JSONStreamWriter {
    /// What a super-encoder gets: the writer gives the value to Foundation, and every container
    /// asked of this encoder refuses to write.
    func refusedEncoder() -> any Encoder {
        refuse()
        return JSONStreamValueEncoder(writer: self, depth: -1, mark: -1)
    }
}

/// An array element's place in the coding path, as Foundation names it.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}
