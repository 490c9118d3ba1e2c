import Foundation
@testable import Platform
import PlatformTesting
import Testing

@Suite("JSON without Foundation's tree, byte for byte as Foundation writes it")
struct SortedKeysJSONEncoderTests {
    /// Three key renamings: as written, the events' snake case, and one that reverses each key
    /// (so keys declared in order come out of order and the writer must sort).
    static let encoders: [SortedKeysJSONEncoder] = [
        SortedKeysJSONEncoder { $0 },
        .events,
        SortedKeysJSONEncoder { String($0.reversed()) },
    ]

    enum Kind: String, Codable { case groupTherapy, individual }
    enum Outcome: Codable { case billed(units: Int, code: String), notBillable(String), pending }

    struct Inner: Codable {
        let zeta: Int
        let alpha: String?
        let whenDone: Date
    }

    struct KitchenSink: Codable {
        let sessionID: UUID
        let name: String
        let note: String?
        let missing: Int?
        let count: Int
        let small: Int8
        let big: UInt64
        let negative: Int64
        let ratio: Double
        let whole: Double
        let tiny: Float
        let flag: Bool
        let kind: Kind
        let outcomes: [Outcome]
        let inner: Inner
        let inners: [Inner]
        let byName: [String: Int]
        let byNumber: [Int: String]
        let matrix: [[Int?]]
        let link: URL
        let amount: Decimal
        let blob: Data
        let empty: [String]
        let emptyObject: [String: Bool]
    }

    static let sink = KitchenSink(
        sessionID: UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!, name: "Ana \"Nana\" O'Neil / Zoë 🙂 \\ tab\t nl\n",
        note: "cr\r ff\u{0C} bs\u{08} nul\u{00} unit\u{1F} del\u{7F}", missing: nil, count: -42, small: -8, big: .max, negative: .min,
        ratio: 0.1, whole: 3.0, tiny: 1.5e-7, flag: true, kind: .groupTherapy,
        outcomes: [.billed(units: 2, code: "90853"), .notBillable("no supervisor"), .pending],
        inner: Inner(zeta: 1, alpha: nil, whenDone: Date(timeIntervalSince1970: 1_772_442_000.75)),
        inners: [Inner(zeta: 2, alpha: "a", whenDone: Date(timeIntervalSince1970: -86_400.5)), Inner(zeta: 3, alpha: "", whenDone: .distantFuture)],
        byName: ["b": 2, "a": 1, "A": 0, "": -1, "ä": 4, "a_b": 5, "aB": 6, "a/b": 7, "sessionID": 8],
        byNumber: [10: "ten", 2: "two", -1: "minus"], matrix: [[1, nil], [], [nil]],
        link: URL(string: "https://example.org/a/b?c=d&e=f#g")!, amount: Decimal(string: "1234.5600")!,
        blob: Data([0, 1, 2, 250, 255]), empty: [], emptyObject: [:])

    @Test("every kind of value, every renaming: the same bytes, and without falling back to Foundation", arguments: 0..<3)
    func kitchenSink(_ encoder: Int) throws {
        let encoder = Self.encoders[encoder]
        let streamed = try #require(try encoder.streamed(Self.sink))
        #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: try encoder.foundationEncoder.encode(Self.sink), as: UTF8.self))
        #expect(try encoder.encode(Self.sink) == streamed)
    }

    @Test("floating-point numbers are written as Foundation writes them")
    func numbers() throws {
        let values: [Double] = [0, -0.0, 1, -1, 0.1, 0.5, 1e16, 1e22, 1.7976931348623157e308, .leastNonzeroMagnitude, 123456789.125, -2.5e-10, 100, 1e-7]
        let floats: [Float] = [0, 1.1, 3.4e38, .leastNonzeroMagnitude, 16_777_216]
        for encoder in Self.encoders {
            #expect(try encoder.streamed(values) == Array(try encoder.foundationEncoder.encode(values)))
            #expect(try encoder.streamed(floats) == Array(try encoder.foundationEncoder.encode(floats)))
        }
    }

    @Test("a value that is not a number is Foundation's to refuse")
    func notANumber() throws {
        let encoder = SortedKeysJSONEncoder.events
        #expect(try encoder.streamed([1.0, .nan]) == nil)
        #expect(throws: EncodingError.self) { try encoder.encode(["ratio": Double.infinity]) }
    }

    /// Containers used the way hand-written `encode(to:)` methods use them.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case zulu, alpha, mike, nested, list }
        enum Use { case twiceTheSameKey, containerAskedTwice, nestedThenParent, emptyContainer, noContainer, singleValue, parentAfterNestedAgain, refusalRethrown, superEncoder }
        let use: Use

        func encode(to encoder: any Encoder) throws {
            switch use {
            case .twiceTheSameKey:
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .zulu)
                try container.encode("first", forKey: .alpha)
                try container.encode(2, forKey: .mike)
                try container.encode("second", forKey: .alpha)
            case .containerAskedTwice:
                var first = encoder.container(keyedBy: Keys.self)
                try first.encode(1, forKey: .zulu)
                var second = encoder.container(keyedBy: Keys.self)
                try second.encode(2, forKey: .alpha)
            case .nestedThenParent:
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
                try nested.encode(true, forKey: .mike)
                try nested.encode(false, forKey: .alpha)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(3)
                var inList = list.nestedContainer(keyedBy: Keys.self)
                try inList.encode("x", forKey: .zulu)
                try list.encodeNil()
                try container.encode(0, forKey: .alpha)
            case .emptyContainer:
                _ = encoder.container(keyedBy: Keys.self)
            case .noContainer:
                break
            case .singleValue:
                var container = encoder.singleValueContainer()
                try container.encode(["b": 1, "a": 2])
            case .parentAfterNestedAgain:
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
                try nested.encode(1, forKey: .mike)
                try container.encode(0, forKey: .alpha)
                try? nested.encode(2, forKey: .zulu) // Foundation still writes this into "nested"
            case .refusalRethrown:
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
                try nested.encode(1, forKey: .mike)
                try container.encode(0, forKey: .alpha)
                do { try nested.encode(2, forKey: .zulu) } catch { throw Rethrown() } // Foundation never throws here
            case .superEncoder:
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .zulu)
                var parent = container.superEncoder().container(keyedBy: Keys.self)
                try parent.encode(2, forKey: .alpha)
            }
        }
    }

    struct Rethrown: Error {}

    struct Holder: Encodable {
        let items: [Handwritten]
        let last: Int
    }

    @Test("hand-written encoders: a key written twice keeps its last value, a container asked twice is one object, nested containers close in turn")
    func handwritten() throws {
        for encoder in Self.encoders {
            for use in [Handwritten.Use.twiceTheSameKey, .containerAskedTwice, .nestedThenParent, .emptyContainer, .noContainer, .singleValue] {
                let value = Holder(items: [Handwritten(use: use), Handwritten(use: use)], last: 1)
                let streamed = try #require(try encoder.streamed(value), "\(use) should not need Foundation")
                #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: try encoder.foundationEncoder.encode(value), as: UTF8.self))
            }
        }
        let twice = String(decoding: try SortedKeysJSONEncoder { $0 }.encode(Handwritten(use: .twiceTheSameKey)), as: UTF8.self)
        #expect(twice == #"{"alpha":"second","mike":2,"zulu":1}"#)
    }

    @Test("what the writer does not follow goes to Foundation, which writes it", arguments: [Handwritten.Use.parentAfterNestedAgain, .refusalRethrown, .superEncoder])
    func fallsBack(_ use: Handwritten.Use) throws {
        let encoder = SortedKeysJSONEncoder.events
        let value = Holder(items: [Handwritten(use: use)], last: 1)
        #expect(try encoder.streamed(value) == nil)
        #expect(try encoder.encode(value) == Array(try encoder.foundationEncoder.encode(value)))
    }

    @Test("a top-level value that asks for no container is refused, as Foundation refuses it; one that leaves its container empty is {}")
    func emptyTopLevel() throws {
        #expect(throws: EncodingError.self) { try SortedKeysJSONEncoder.events.encode(Handwritten(use: .noContainer)) }
        #expect(try SortedKeysJSONEncoder.events.encode(Handwritten(use: .emptyContainer)) == Array("{}".utf8))
        #expect(try SortedKeysJSONEncoder.events.foundationEncoder.encode(Handwritten(use: .emptyContainer)) == Data("{}".utf8))
    }

    /// A random document: objects with random keys (ASCII, escapes, non-ASCII, prefixes of one
    /// another), arrays, strings, integers, doubles, booleans and nulls, nested to depth 5.
    indirect enum Random: Encodable {
        case object([(String, Random)])
        case array([Random])
        case string(String)
        case integer(Int)
        case double(Double)
        case bool(Bool)
        case null

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .object(let entries):
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in entries { try container.encode(value, forKey: Key(stringValue: key)) }
            case .array(let values):
                var container = encoder.unkeyedContainer()
                for value in values { try container.encode(value) }
            case .string(let text): var container = encoder.singleValueContainer(); try container.encode(text)
            case .integer(let number): var container = encoder.singleValueContainer(); try container.encode(number)
            case .double(let number): var container = encoder.singleValueContainer(); try container.encode(number)
            case .bool(let flag): var container = encoder.singleValueContainer(); try container.encode(flag)
            case .null: var container = encoder.singleValueContainer(); try container.encodeNil()
            }
        }

        static let pieces = ["a", "b", "B", "_", "1", "10", "2", "ä", "é", "Z", "\"", "/", "\\", "\n", "\u{01}", "\u{1F}", "🙂", "id", "ID", " "]

        static func text<G: RandomNumberGenerator>(_ generator: inout G) -> String {
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }

        static func make<G: RandomNumberGenerator>(depth: Int, _ generator: inout G) -> Random {
            switch Int.random(in: depth >= 5 ? 2...7 : 0...7, using: &generator) {
            case 0: return .object((0..<Int.random(in: 0...6, using: &generator)).map { _ in (text(&generator), make(depth: depth + 1, &generator)) })
            case 1: return .array((0..<Int.random(in: 0...5, using: &generator)).map { _ in make(depth: depth + 1, &generator) })
            case 2, 3: return .string(text(&generator))
            case 4: return .integer(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator))
            case 5: return .double(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / Double([1, 3, 8, 1000, 1e9].randomElement(using: &generator)!))
            case 6: return .bool(Bool.random(using: &generator))
            default: return .null
            }
        }
    }

    @Test("a thousand random documents, three renamings: the same bytes as Foundation")
    func randomDocuments() throws {
        var generator = SeededGenerator(seed: 18)
        for index in 0..<1_000 {
            // Objects at the top, as every payload and reply is.
            let document = Random.object((0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (Random.text(&generator), Random.make(depth: 1, &generator))
            })
            let encoder = Self.encoders[index % Self.encoders.count]
            let streamed = try #require(try encoder.streamed(document))
            let foundation = Array(try encoder.foundationEncoder.encode(document))
            #expect(streamed == foundation, "document \(index): \(String(decoding: foundation, as: UTF8.self))")
            if streamed != foundation { break }
        }
    }
}
