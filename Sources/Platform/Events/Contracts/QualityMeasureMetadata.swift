public import Foundation

/// The canonical schema of `cl_quality_measure_period_calculated`'s metadata: exactly these keys,
/// each with one type. Any other key (even an aggregate-sounding one such as `patient_count`), a
/// value of the wrong type, or a PHI-like string refuses the whole payload.
public enum QualityMeasureMetadata {
    /// The calculating system, an identifier token such as `careledger` (see `PHILikeText`).
    public static let sourceSystemKey = "source_system"
    /// When the calculation ran, ISO-8601 with a time zone (`2026-12-31T23:59:00Z`).
    public static let processingTimestampKey = "processing_timestamp"

    /// The aggregate counts a calculation may report; each a non-negative integer.
    public enum Count: String, CaseIterable, Sendable {
        /// Events (discharges, ED visits, episodes) or rows considered before any exclusion.
        case initialPopulation = "initial_population_count"
        /// Events removed by the specification's exclusions (age, readmission, hospice, …).
        case exclusion = "exclusion_count"
        /// Imported encounters the calculation read.
        case sourceEncounters = "source_encounter_count"
        /// The practice's own attended group-session visits the calculation read.
        case practiceVisits = "practice_visit_count"
        /// Of the exclusions, events of patients in hospice during the period.
        case hospiceExclusion = "hospice_exclusion_count"
        /// Of the exclusions, events of patients who died during the period.
        case deathExclusion = "death_exclusion_count"
        /// Of the exclusions, events without continuous enrollment across their window.
        case enrollmentExclusion = "enrollment_exclusion_count"
    }

    /// Every allowed key.
    public static var allowedKeys: Set<String> {
        Set([sourceSystemKey, processingTimestampKey] + Count.allCases.map(\.rawValue))
    }

    /// A metadata value as JSON has it; the schema then decides which kinds each key may hold, so a
    /// payload decoded from anywhere can be refused rather than failing to decode.
    public enum Value: Codable, Sendable, Hashable {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([String: Value])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([Value].self) { self = .array(value) }
            else { self = .object(try container.decode([String: Value].self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .null: try container.encodeNil()
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }

    /// Metadata for a calculation: the source system, when it ran, and the counts it reports.
    public static func make(sourceSystem: String, processedAt: Date, counts: [Count: Int]) -> [String: Value] {
        var metadata: [String: Value] = [sourceSystemKey: .string(sourceSystem),
                                         processingTimestampKey: .string(processedAt.formatted(.iso8601))]
        for (count, value) in counts { metadata[count.rawValue] = .integer(value) }
        return metadata
    }

    /// Throws `EventValidationError` with field `metadata.<key>` for the first offending key, in key order.
    public static func validate(_ metadata: [String: Value]) throws {
        let eventType = QualityMeasurePeriodCalculated.eventType
        func refuse(_ key: String, _ reason: String) -> EventValidationError {
            EventValidationError(eventType: eventType, field: "metadata.\(key)", reason: reason)
        }
        let counts = Set(Count.allCases.map(\.rawValue))
        for key in metadata.keys.sorted() {
            let value = metadata[key]!
            switch key {
            case sourceSystemKey:
                guard case .string(let text) = value else { throw refuse(key, "must be a string") }
                if let reason = PHILikeText.reason(text) { throw refuse(key, reason) }
                guard PHILikeText.isSystemIdentifier(text) else {
                    throw refuse(key, "must be a system identifier: a letter, then up to 63 letters, digits, '.', '_' or '-'")
                }
            case processingTimestampKey:
                guard case .string(let text) = value else { throw refuse(key, "must be a string") }
                guard isISO8601Instant(text) else { throw refuse(key, "must be an ISO-8601 date-time with a time zone") }
            case _ where counts.contains(key):
                guard case .integer(let count) = value else { throw refuse(key, "must be an integer") }
                guard count >= 0 else { throw refuse(key, "must not be negative") }
            default:
                throw refuse(key, "is not an allowed metadata key (allowed: \(allowedKeys.sorted().joined(separator: ", ")))")
            }
        }
    }

    static func isISO8601Instant(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) != nil || fractional.date(from: text) != nil
    }
}
