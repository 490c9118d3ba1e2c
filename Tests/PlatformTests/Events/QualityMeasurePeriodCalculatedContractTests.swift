import Foundation
import Platform
import PlatformTesting
import Testing

@Suite("The quality-measure period event's contract")
struct QualityMeasurePeriodCalculatedContractTests {
    typealias Contract = QualityMeasurePeriodCalculated
    typealias Value = QualityMeasureMetadata.Value

    static let goodMetadata: [String: Value] = [
        "source_system": .string("careledger"),
        "processing_timestamp": .string("2026-12-31T23:59:00Z"),
        "initial_population_count": .integer(120),
        "exclusion_count": .integer(4),
        "source_encounter_count": .integer(300),
        "practice_visit_count": .integer(85),
    ]

    static func payload(measureId: String = "HEDIS_FUH_7", start: String = "2026-01-01", end: String = "2026-12-31",
                        denominator: Int = 116, numerator: Int = 58, rate: Double?? = .none, version: Int = 1,
                        metadata: [String: Value]? = goodMetadata) -> Contract.Payload {
        .init(organizationId: UUID(), timestamp: Date(), measureId: measureId, periodStart: start, periodEnd: end,
              denominatorCount: denominator, numeratorCount: numerator,
              rate: rate ?? Contract.rate(numerator: numerator, denominator: denominator),
              calculationVersion: version, metadata: metadata)
    }

    static func refusal(_ payload: Contract.Payload) -> EventValidationError? {
        do { try Contract.validate(payload); return nil } catch { return error as? EventValidationError }
    }

    static func withMetadata(_ key: String, _ value: Value) -> Contract.Payload {
        var metadata = goodMetadata
        metadata[key] = value
        return payload(metadata: metadata)
    }

    @Test("a well-formed payload passes, with full, partial or no metadata")
    func accepts() throws {
        try Contract.validate(Self.payload())
        try Contract.validate(Self.payload(metadata: nil))
        try Contract.validate(Self.payload(metadata: ["source_system": .string("careledger")]))
        try Contract.validate(Self.payload(denominator: 0, numerator: 0))
        try Contract.validate(Self.withMetadata("processing_timestamp", .string("2026-12-31T16:59:00.125-07:00")))
    }

    @Test("the rate is numerator ÷ denominator to 4 places, absent for an empty denominator", arguments: [
        (58, 116, 0.5 as Double?), (1, 3, 0.3333), (2, 3, 0.6667), (0, 5, 0.0), (0, 0, nil),
    ])
    func rate(numerator: Int, denominator: Int, expected: Double?) {
        #expect(Contract.rate(numerator: numerator, denominator: denominator) == expected)
    }

    @Test("each payload rule refuses the whole payload, naming its field", arguments: [
        ("measure_id", payload(measureId: "fuh")),
        ("measure_id", payload(measureId: "HEDIS FUH")),
        ("period_start", payload(start: "2026-02-30")),
        ("period_end", payload(end: "31/12/2026")),
        ("period_end", payload(start: "2026-12-31", end: "2026-01-01")),
        ("denominator_count", payload(denominator: -1, numerator: 0, rate: .some(nil))),
        ("numerator_count", payload(denominator: 5, numerator: -1, rate: .some(nil))),
        ("numerator_count", payload(denominator: 5, numerator: 6, rate: .some(nil))),
        ("rate", payload(denominator: 4, numerator: 1, rate: .some(0.5))),
        ("rate", payload(denominator: 0, numerator: 0, rate: .some(0))),
        ("rate", payload(denominator: 4, numerator: 1, rate: .some(.nan))),
        ("calculation_version", payload(version: 0)),
    ])
    func refusesPayload(field: String, payload: Contract.Payload) {
        #expect(Self.refusal(payload)?.field == field)
    }

    @Test("the seed's example: a disallowed patient_count key is refused, not dropped")
    func patientCountIsRefused() {
        let error = Self.refusal(Self.withMetadata("patient_count", .integer(12)))
        #expect(error?.field == "metadata.patient_count")
        #expect(error?.reason.contains("not an allowed metadata key") == true)
        #expect(error?.domainError.field == "metadata.patient_count")
    }

    @Test("unknown keys are refused whatever they hold", arguments: [
        ("patient_name", Value.string("x")), ("member_ids", .array([.string("A1")])), ("details", .object([:])),
        ("Source_System", .string("careledger")), ("", .integer(1)),
    ])
    func unknownKeys(key: String, value: Value) {
        #expect(Self.refusal(Self.withMetadata(key, value))?.field == "metadata.\(key)")
    }

    @Test("each allowed key refuses a value of the wrong type", arguments: [
        ("source_system", Value.integer(1)), ("source_system", .null), ("source_system", .array([.string("careledger")])),
        ("processing_timestamp", .integer(1_767_225_540)), ("processing_timestamp", .bool(true)),
        ("initial_population_count", .string("120")), ("exclusion_count", .number(1.5)),
        ("source_encounter_count", .bool(false)), ("practice_visit_count", .null),
        ("initial_population_count", .object(["count": .integer(1)])),
    ])
    func wrongTypes(key: String, value: Value) {
        let error = Self.refusal(Self.withMetadata(key, value))
        #expect(error?.field == "metadata.\(key)")
        #expect(error?.reason.hasPrefix("must be") == true)
    }

    @Test("a negative count is refused", arguments: QualityMeasureMetadata.Count.allCases.map(\.rawValue))
    func negativeCount(key: String) {
        let error = Self.refusal(Self.withMetadata(key, .integer(-1)))
        #expect(error?.field == "metadata.\(key)")
        #expect(error?.reason == "must not be negative")
    }

    @Test("processing_timestamp must be an ISO-8601 instant with a time zone", arguments: [
        "2026-12-31", "2026-12-31T23:59:00", "31 Dec 2026 23:59", "2026-13-01T00:00:00Z", "yesterday",
    ])
    func badTimestamps(text: String) {
        #expect(Self.refusal(Self.withMetadata("processing_timestamp", .string(text)))?.field == "metadata.processing_timestamp")
    }

    @Test("PHI-like source_system values are refused for the reason they look like PHI", arguments: [
        ("jane.doe@example.org", "email"),
        ("602-555-0147", "digits"),
        ("MRN00123456", "digits"),
        ("123-45-6789", "digits"),
        ("1984-02-07", "PHI-like"),
        ("7.2.1984", "date"),
        ("2/7/84", "date"),
        ("Jane Doe", "whitespace"),
        ("careledger\tv2", "whitespace"),
    ])
    func phiLikeValues(text: String, kind: String) {
        let error = Self.refusal(Self.withMetadata("source_system", .string(text)))
        #expect(error?.field == "metadata.source_system")
        #expect(error?.reason.contains(kind) == true)
        #expect(error?.reason.contains("PHI-like") == true)
        // The refusal never repeats the value it refused.
        #expect(error?.description.contains(text) == false)
    }

    @Test("source_system must be an identifier token", arguments: ["", "-careledger", "care+ledger", "é-system", String(repeating: "a", count: 65)])
    func badSystemIdentifiers(text: String) {
        #expect(Self.refusal(Self.withMetadata("source_system", .string(text)))?.field == "metadata.source_system")
    }

    @Test("the rule passes ordinary system identifiers", arguments: ["careledger", "careledger-quality", "EHR_2024", "hie.azhec"])
    func systemIdentifiers(text: String) {
        #expect(PHILikeText.reason(text) == nil)
        #expect(PHILikeText.isSystemIdentifier(text))
    }

    @Test("metadata decoded from JSON keeps its keys and kinds, so a foreign publisher's payload is judged as sent")
    func decodedMetadata() throws {
        let json = #"""
        {"event_type":"cl_quality_measure_period_calculated","organization_id":"6F1D3C4E-2B1A-4C5D-9E8F-0A1B2C3D4E5F",
         "timestamp":"2026-12-31T23:59:00Z","measure_id":"HEDIS_FUM_30","period_start":"2026-01-01","period_end":"2026-12-31",
         "denominator_count":10,"numerator_count":4,"rate":0.4,"calculation_version":2,
         "metadata":{"source_system":"careledger","exclusion_count":1.5,"patientCount":3}}
        """#
        let payload = try JSONDecoder.events.decode(Contract.Payload.self, from: Data(json.utf8))
        #expect(payload.metadata?["patientCount"] == .integer(3))
        #expect(payload.metadata?["exclusion_count"] == .number(1.5))
        #expect(Self.refusal(payload)?.field == "metadata.exclusion_count")
        let encoded = String(decoding: try SortedKeysJSONEncoder.events.encode(Self.payload()), as: UTF8.self)
        #expect(encoded.contains(#""initial_population_count":120"#))
        #expect(encoded.contains(#""event_type":"cl_quality_measure_period_calculated""#))
        #expect(encoded.contains(#""calculation_version":1"#))
    }

    @Test("the bus refuses a payload with a disallowed key and writes nothing")
    func busWritesNothing() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Org", slug: "org-quality-event", database: db.database)
            let bus = EventBus(logger: db.logger)
            let good = Self.payload(), bad = Self.withMetadata("patient_count", .integer(3))
            await #expect(throws: EventValidationError.self) {
                try await db.database.withTenant(org) { tx in try await bus.publishAll(Contract.self, [good, bad], in: tx) }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [0])
            try await db.database.withTenant(org) { tx in _ = try await bus.publish(Contract.self, good, in: tx) }
            #expect(try await db.ownerScalars("SELECT payload->>'measure_id' FROM pf_event_outbox", as: String.self) == ["HEDIS_FUH_7"])
        }
    }
}
