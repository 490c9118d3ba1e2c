public import Foundation

/// `cl_quality_measure_period_calculated` (CL-15 / CL-35 → FA): one quality indicator's
/// denominator, numerator and rate for a measurement period, published when Clinical finalizes the
/// period and again, with a higher `calculationVersion`, whenever it is recalculated. Aggregates
/// only: the contract refuses any payload whose metadata could carry patient-level data.
public enum QualityMeasurePeriodCalculated: EventContract {
    public static let eventType = "cl_quality_measure_period_calculated"
    public static let version = 1
    public static let channel = "cl_events"

    public struct Payload: Codable, Sendable, Hashable {
        /// Always `cl_quality_measure_period_calculated` (the seed repeats it in the payload).
        public let eventType: String
        public let organizationId: UUID
        public let timestamp: Date
        public let siteId: UUID?
        public let correlationId: UUID?
        /// The indicator, e.g. `HEDIS_FUH_7`; upper-case letters, digits and underscores.
        public let measureId: String
        /// ISO date (YYYY-MM-DD), first day of the measurement period.
        public let periodStart: String
        /// ISO date (YYYY-MM-DD), last day of the measurement period (inclusive).
        public let periodEnd: String
        public let denominatorCount: Int
        public let numeratorCount: Int
        /// numerator ÷ denominator as a fraction 0…1 rounded to 4 places; nil when the denominator is 0.
        public let rate: Double?
        /// 1 for the first calculation of (organization, measure, period), then 2, 3, … on recalculation.
        public let calculationVersion: Int
        /// Aggregate-only metadata, checked against `QualityMeasureMetadata`.
        public let metadata: [String: QualityMeasureMetadata.Value]?

        public init(organizationId: UUID, timestamp: Date, siteId: UUID? = nil, correlationId: UUID? = nil, measureId: String,
                    periodStart: String, periodEnd: String, denominatorCount: Int, numeratorCount: Int, rate: Double?,
                    calculationVersion: Int, metadata: [String: QualityMeasureMetadata.Value]?) {
            self.eventType = QualityMeasurePeriodCalculated.eventType
            self.organizationId = organizationId
            self.timestamp = timestamp
            self.siteId = siteId
            self.correlationId = correlationId
            self.measureId = measureId
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.denominatorCount = denominatorCount
            self.numeratorCount = numeratorCount
            self.rate = rate
            self.calculationVersion = calculationVersion
            self.metadata = metadata
        }
    }

    /// The rate the payload must carry for its counts: 4 decimal places, nil for an empty denominator.
    public static func rate(numerator: Int, denominator: Int) -> Double? {
        guard denominator > 0 else { return nil }
        return (Double(numerator) / Double(denominator) * 10_000).rounded() / 10_000
    }

    /// Refuses the whole payload, naming the field, when the counts or dates are inconsistent or the
    /// metadata has an unknown key, a wrong type or a PHI-like value. Nothing is ever sanitized.
    public static func validate(_ payload: Payload) throws {
        func refuse(_ field: String, _ reason: String) -> EventValidationError {
            EventValidationError(eventType: eventType, field: field, reason: reason)
        }
        guard payload.eventType == eventType else { throw refuse("event_type", "must be \(eventType)") }
        guard isMeasureID(payload.measureId) else {
            throw refuse("measure_id", "must be 2–64 upper-case letters, digits or underscores, starting with a letter")
        }
        guard let start = ServiceDate(payload.periodStart) else { throw refuse("period_start", "must be a calendar date (YYYY-MM-DD)") }
        guard let end = ServiceDate(payload.periodEnd) else { throw refuse("period_end", "must be a calendar date (YYYY-MM-DD)") }
        guard start <= end else { throw refuse("period_end", "must not be before period_start") }
        guard payload.denominatorCount >= 0 else { throw refuse("denominator_count", "must not be negative") }
        guard payload.numeratorCount >= 0 else { throw refuse("numerator_count", "must not be negative") }
        guard payload.numeratorCount <= payload.denominatorCount else { throw refuse("numerator_count", "must not exceed denominator_count") }
        if let rate = payload.rate {
            guard let expected = Self.rate(numerator: payload.numeratorCount, denominator: payload.denominatorCount) else {
                throw refuse("rate", "must be absent when denominator_count is 0")
            }
            guard rate.isFinite, abs(rate - expected) < 0.000_05 else {
                throw refuse("rate", "must equal numerator_count ÷ denominator_count (a fraction 0–1, 4 decimal places)")
            }
        }
        guard payload.calculationVersion >= 1 else { throw refuse("calculation_version", "must be 1 or more") }
        if let metadata = payload.metadata { try QualityMeasureMetadata.validate(metadata) }
    }

    static func isMeasureID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...64).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return bytes.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }
}
