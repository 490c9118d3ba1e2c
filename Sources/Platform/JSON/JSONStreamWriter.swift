import Foundation

/// The buffer and the open containers behind `SortedKeysJSONEncoder`. Containers are written in
/// place as they are filled; each open one is a frame on a stack. An object's entries are written
/// as they come and sorted only when it closes with its keys out of order (its bytes copied out
/// and back).
/// A container is closed when the value that opened it returns, or when a container below it is
/// written to again: Codable types fill a nested container before they return to its parent, and
/// writing to a container after that is refused, as are super-encoders and non-finite numbers
/// (`followedFoundation` turns false and the encoder hands the value to Foundation).
final class JSONStreamWriter {
    struct NotFollowed: Error {}

    struct Frame {
        let serial: Int
        let keyed: Bool
        /// The offset of its `{` or `[`.
        let start: Int
        /// Its first entry's index in `entries` (objects only).
        let firstEntry: Int
        var count = 0
        /// Whether every key so far came after the one before it (so no sort is needed).
        var ordered = true
    }

    /// An open object's entry: where it begins (at its comma, if any) and its key as written.
    struct Entry {
        let start: Int
        let key: String
    }

    // The writer belongs to one `encode` call on one task and no access to these overlaps another,
    // so the run-time exclusivity checks (a sixth of encoding a small payload) are left out.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var serials = 0
    /// Every open object's entries, the innermost object's last.
    @exclusivity(unchecked) private var entries: [Entry] = []
    /// An object's entries as they came, while `sortEntries` writes them back in order.
    @exclusivity(unchecked) private var unordered: [UInt8] = []
    @exclusivity(unchecked) private(set) var followedFoundation = true
    @exclusivity(unchecked) var codingPath: [any CodingKey] = []
    let keyName: (String) -> String

    init(keyName: @escaping (String) -> String) {
        self.keyName = keyName
        bytes.reserveCapacity(256)
        frames.reserveCapacity(4)
        entries.reserveCapacity(16)
    }

    var depth: Int { frames.count }
    func frame(at index: Int) -> Frame? { frames.indices.contains(index) ? frames[index] : nil }
    var count: Int { bytes.count }

    // MARK: Containers

    func open(keyed: Bool) -> Int {
        serials += 1
        frames.append(Frame(serial: serials, keyed: keyed, start: bytes.count, firstEntry: entries.count))
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
            if frame.ordered, let last = entries.last, !last.key.utf8.lexicographicallyPrecedes(name.utf8) {
                frames[index].ordered = false
            }
            entries.append(Entry(start: bytes.count, key: name))
            bytes.append(UInt8(ascii: ","))
        } else {
            entries.append(Entry(start: bytes.count, key: name))
        }
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
            entries.removeSubrange(frame.firstEntry...)
        }
    }

    /// Rewrites an object's entries in key order; of a key written twice, the last value stays.
    private func sortEntries(of frame: Frame) {
        let (first, count, base, end) = (frame.firstEntry, entries.count - frame.firstEntry, frame.start + 1, bytes.count)
        unordered.removeAll(keepingCapacity: true)
        unordered.append(contentsOf: bytes[base..<end])
        bytes.removeSubrange(base...)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            // Insertion sort, stable: objects are small, and of equal keys the later stays later.
            for position in 0..<count {
                var slot = position
                while slot > 0, entries[first + position].key.utf8.lexicographicallyPrecedes(entries[order[slot - 1]].key.utf8) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = first + position
            }
            var written = 0
            for position in 0..<count {
                let entry = order[position]
                if position + 1 < count, entries[order[position + 1]].key == entries[entry].key { continue }
                // Every entry but the first starts at its comma.
                let start = entries[entry].start + (entry == first ? 0 : 1) - base
                let stop = (entry + 1 < entries.count ? entries[entry + 1].start : end) - base
                if written > 0 { bytes.append(UInt8(ascii: ",")) }
                written += 1
                bytes.append(contentsOf: unordered[start..<stop])
            }
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
