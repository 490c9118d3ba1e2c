import Foundation

/// The buffer and the open containers behind `SortedKeysJSONEncoder`. Containers are written in
/// place as they are filled; each open one is a frame on a stack. An object's entries are written
/// as they come and sorted only when it closes with its keys out of order (one copy of its bytes).
/// A container is closed when the value that opened it returns, or when a container below it is
/// written to again: Codable types fill a nested container before they return to its parent, and
/// writing to a container after that is the one pattern this writer refuses (`followedFoundation`
/// turns false and the encoder hands the value to Foundation).
final class JSONStreamWriter {
    struct NotFollowed: Error {}

    struct Frame {
        let serial: Int
        let keyed: Bool
        /// The offset of its `{` or `[`.
        let start: Int
        /// Its first entry's index in `entryStarts` and `entryKeys` (objects only).
        let firstEntry: Int
        var count = 0
        /// Whether every key so far came after the one before it (so no sort is needed).
        var ordered = true
    }

    private(set) var bytes: [UInt8] = []
    private var frames: [Frame] = []
    private var serials = 0
    /// Each open object's entries: where each begins (at its comma, if any) and its key as written.
    private var entryStarts: [Int] = []
    private var entryKeys: [String] = []
    private(set) var followedFoundation = true
    var codingPath: [any CodingKey] = []
    let keyName: (String) -> String

    init(keyName: @escaping (String) -> String) {
        self.keyName = keyName
        bytes.reserveCapacity(512)
    }

    var depth: Int { frames.count }
    func frame(at index: Int) -> Frame? { frames.indices.contains(index) ? frames[index] : nil }
    var count: Int { bytes.count }

    // MARK: Containers

    func open(keyed: Bool) -> Int {
        serials += 1
        frames.append(Frame(serial: serials, keyed: keyed, start: bytes.count, firstEntry: entryStarts.count))
        bytes.append(keyed ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return serials
    }

    /// Whether the frame at `index` is still the one `serial` opened.
    func isOpen(_ index: Int, serial: Int) -> Bool {
        index < frames.count && frames[index].serial == serial
    }

    func refuse() { followedFoundation = false }

    /// Readies the frame at `index` for its next element: closes what was opened above it, writes
    /// the comma. Throws when that frame has been closed (its container is used out of turn).
    func beginElement(in index: Int, serial: Int) throws {
        guard followedFoundation, isOpen(index, serial: serial) else {
            refuse()
            throw NotFollowed()
        }
        close(downTo: index + 1)
        if frames[index].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[index].count += 1
    }

    /// `beginElement` for an object, then `"name":` with the name as written.
    func beginEntry(in index: Int, serial: Int, name: String) throws {
        guard followedFoundation, isOpen(index, serial: serial) else {
            refuse()
            throw NotFollowed()
        }
        close(downTo: index + 1)
        let frame = frames[index]
        if frame.count > 0 {
            if frame.ordered, let last = entryKeys.last, !last.utf8.lexicographicallyPrecedes(name.utf8) {
                frames[index].ordered = false
            }
            entryStarts.append(bytes.count)
            bytes.append(UInt8(ascii: ","))
        } else {
            entryStarts.append(bytes.count)
        }
        entryKeys.append(name)
        frames[index].count += 1
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Closes every frame from the top down to (not including) `index`.
    func close(downTo index: Int) {
        while frames.count > index {
            let frame = frames.removeLast()
            guard frame.keyed else {
                bytes.append(UInt8(ascii: "]"))
                continue
            }
            if !frame.ordered { sortEntries(of: frame) }
            bytes.append(UInt8(ascii: "}"))
            entryStarts.removeSubrange(frame.firstEntry...)
            entryKeys.removeSubrange(frame.firstEntry...)
        }
    }

    /// Rewrites an object's entries in key order; of a key written twice, the last value stays.
    private func sortEntries(of frame: Frame) {
        let entries = frame.firstEntry..<entryStarts.count
        let end = bytes.count
        func body(_ entry: Int) -> Range<Int> {
            // Every entry but the first starts at its comma.
            let start = entryStarts[entry] + (entry == frame.firstEntry ? 0 : 1)
            return start..<(entry + 1 < entryStarts.count ? entryStarts[entry + 1] : end)
        }
        // Stable: of equal keys, the later stays later, and is the one kept.
        let order = entries.enumerated().sorted { a, b in
            let (keyA, keyB) = (entryKeys[a.element], entryKeys[b.element])
            if keyA == keyB { return a.offset < b.offset }
            return keyA.utf8.lexicographicallyPrecedes(keyB.utf8)
        }.map(\.element)
        let region = Array(bytes[(frame.start + 1)..<end])
        bytes.removeSubrange((frame.start + 1)...)
        var first = true
        for (position, entry) in order.enumerated() {
            if position + 1 < order.count, entryKeys[order[position + 1]] == entryKeys[entry] { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            let range = body(entry)
            bytes.append(contentsOf: region[(range.lowerBound - frame.start - 1)..<(range.upperBound - frame.start - 1)])
        }
    }

    // MARK: Values

    func writeNull() { bytes.append(contentsOf: "null".utf8) }
    func write(_ value: Bool) { bytes.append(contentsOf: value ? "true".utf8 : "false".utf8) }
    func write<Integer: BinaryInteger>(_ value: Integer) { bytes.append(contentsOf: value.description.utf8) }

    /// As Foundation writes a floating-point number: its description without a trailing `.0`.
    func write<Float: BinaryFloatingPoint & CustomStringConvertible>(_ value: Float) throws {
        guard value.isFinite else {
            // Foundation throws, naming the value's coding path; let it.
            refuse()
            throw NotFollowed()
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A string with Foundation's escapes: quote, backslash, slash, the named control characters,
    /// and `\u00xx` (lower-case hex) for the others below 0x20; everything else as its UTF-8.
    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var mark = 0
            for index in utf8.indices {
                let byte = utf8[index]
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "/"): escape = "\\/"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20: escape = "\\u00"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                if escape.utf8CodeUnitCount == 4 {
                    let low = byte & 0x0F
                    bytes.append(UInt8(ascii: "0") + (byte >> 4))
                    bytes.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
                mark = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The whole document; true when the value wrote nothing at all.
    func writeTopLevel<T: Encodable>(_ value: T) throws -> Bool {
        try writeValue(value, key: nil)
        close(downTo: 0)
        return wroteEmptyValue
    }

    /// Whether the last value written through `writeValue` encoded nothing (and became `{}`).
    private var wroteEmptyValue = false

    /// Any value: the types Foundation writes its own way, then the value's own `encode(to:)`.
    func writeValue<T: Encodable>(_ value: T, key: (any CodingKey)?) throws {
        if T.self == String.self { return writeString(value as! String) }
        if T.self == UUID.self { return writeString((value as! UUID).uuidString) }
        if T.self == Date.self { return writeString((value as! Date).formatted(.iso8601)) }
        if T.self == URL.self { return writeString((value as! URL).absoluteString) }
        if T.self == Decimal.self { return bytes.append(contentsOf: (value as! Decimal).description.utf8) }
        if T.self == Data.self { return writeString((value as! Data).base64EncodedString()) }
        if let key { codingPath.append(key) }
        defer { if key != nil { codingPath.removeLast() } }
        let (depth, mark) = (frames.count, bytes.count)
        if let dictionary = value as? any StringKeyedEncodable {
            try dictionary.writeEntries(to: self)
        } else {
            try value.encode(to: JSONStreamValueEncoder(writer: self, depth: depth, mark: mark))
        }
        close(downTo: depth)
        wroteEmptyValue = bytes.count == mark
        if wroteEmptyValue { bytes.append(contentsOf: "{}".utf8) }
    }
}

/// A dictionary keyed by strings: an object whose keys are written as they are (Foundation
/// applies no key strategy to them).
protocol StringKeyedEncodable {
    func writeEntries(to writer: JSONStreamWriter) throws
}

extension Dictionary: StringKeyedEncodable where Key == String, Value: Encodable {
    func writeEntries(to writer: JSONStreamWriter) throws {
        let (index, serial) = (writer.depth, writer.open(keyed: true))
        for (key, value) in self {
            try writer.beginEntry(in: index, serial: serial, name: key)
            try writer.writeValue(value, key: NamedCodingKey(key))
        }
    }
}
