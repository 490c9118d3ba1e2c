import Foundation
import Platform
import Testing

@Suite("Event payload keys")
struct EventPayloadKeysTests {
    /// What the events' encoder produced before it remembered keys: Foundation's own snake case.
    static func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Keys where snake-case rules differ: acronyms before a word, digits, leading and trailing
    /// underscores, capitals alone, non-ASCII letters, keys already in snake case, the empty key.
    struct AwkwardKeys: Encodable {
        let myURLValue: Int
        let patientID: String
        let a1B: Int
        let _leading: Int
        let trailing_: Int
        let HTTPServer: Int
        let already_snake: Int
        let äpfelBaum: Int
        let X: Int
        let nested: [String: Int]
        let at: Date
    }

    static let awkward = AwkwardKeys(
        myURLValue: 1, patientID: "p", a1B: 2, _leading: 3, trailing_: 4, HTTPServer: 5, already_snake: 6, äpfelBaum: 7, X: 8,
        nested: ["": 0, "groupSizeBand": 1, "ICD10Code": 2, "ÉtatCivil": 3, "sessionID2": 4], at: Date(timeIntervalSince1970: 1_772_442_000))

    @Test("payloads encode byte for byte as Foundation's snake case wrote them, the first time and from memory")
    func sameBytesAsFoundation() throws {
        let documented = GroupSessionDocumentedContractTests.payload(attendees: GroupSessionDocumentedContractTests.attendees(3))
        let calculated = QualityMeasurePeriodCalculatedContractTests.payload()
        for _ in 0..<2 {
            // The bus's encoder, and Foundation's configured as the events' (a payload it cannot write goes there).
            #expect(try SortedKeysJSONEncoder.events.encode(Self.awkward) == Array(Self.foundationEncoder().encode(Self.awkward)))
            #expect(try SortedKeysJSONEncoder.events.encode(documented) == Array(Self.foundationEncoder().encode(documented)))
            #expect(try SortedKeysJSONEncoder.events.encode(calculated) == Array(Self.foundationEncoder().encode(calculated)))
            #expect(try SortedKeysJSONEncoder.events.foundationEncoder.encode(Self.awkward) == Self.foundationEncoder().encode(Self.awkward))
            #expect(try SortedKeysJSONEncoder.events.foundationEncoder.encode(documented) == Self.foundationEncoder().encode(documented))
        }
        // The keys read back with the events' decoder, so a payload survives its own round trip.
        let encoded = String(decoding: try SortedKeysJSONEncoder.events.encode(Self.awkward), as: UTF8.self)
        #expect(encoded.contains(#""my_url_value":1"#))
        #expect(encoded.contains(#""h_ttp_server":5"#)) // Foundation's spelling, kept: the contracts were written with it
        // A dictionary's keys are data and stay as given, as Foundation left them.
        #expect(encoded.contains(#""groupSizeBand":1"#))
        #expect(try JSONDecoder.events.decode(GroupSessionDocumented.Payload.self, from: Data(SortedKeysJSONEncoder.events.encode(documented))) == documented)
    }
}
