public import Foundation
public import Platform
import PostgresNIO

/// One stored, published result: the row of `cl_quality_measure_periods`.
public struct QualityMeasurePeriodResult: Sendable, Hashable, Codable {
    public let id: UUID
    public let measureId: String
    public let periodStart: ServiceDate
    public let periodEnd: ServiceDate
    public let denominatorCount: Int
    public let numeratorCount: Int
    public let rate: Double?
    public let calculationVersion: Int
    public let calculatedAt: Date
    public let publishedEventId: UUID
    /// The aggregate counts published in the event's metadata.
    public let initialPopulationCount: Int
    public let exclusionCount: Int

    public init(id: UUID, measureId: String, periodStart: ServiceDate, periodEnd: ServiceDate, denominatorCount: Int, numeratorCount: Int,
                rate: Double?, calculationVersion: Int, calculatedAt: Date, publishedEventId: UUID, initialPopulationCount: Int, exclusionCount: Int) {
        self.id = id
        self.measureId = measureId
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.denominatorCount = denominatorCount
        self.numeratorCount = numeratorCount
        self.rate = rate
        self.calculationVersion = calculationVersion
        self.calculatedAt = calculatedAt
        self.publishedEventId = publishedEventId
        self.initialPopulationCount = initialPopulationCount
        self.exclusionCount = exclusionCount
    }
}

/// Finalizing a period: every indicator is computed, stored as the next calculation version and
/// published as `cl_quality_measure_period_calculated`, all in the caller's transaction. The
/// contract validates each payload before anything is written, so a refused one leaves nothing.
public enum QualityPeriodFinalizer {
    /// The `source_system` every published result names.
    public static let sourceSystem = "careledger"

    @discardableResult
    public static func finalize(_ period: MeasurementPeriod, bus: EventBus, by principal: Principal?, now: Date = Date(),
                                in tx: TenantTransaction) async throws -> [QualityMeasurePeriodResult] {
        // One finalization of a period at a time per organization, so versions never collide.
        try await tx.query("SELECT pg_advisory_xact_lock(hashtext('cl_quality_period:' || \(tx.organizationID.uuidString) || \(period.start.description) || \(period.end.description)))")
        let results = try await QualityMeasurePeriodComputation.results(for: period, in: tx)
        var versions: [String: Int] = [:]
        for try await (measure, version) in try await tx.query("""
            SELECT measure_id, max(calculation_version) FROM cl_quality_measure_periods
            WHERE period_start = \(period.start.description)::date AND period_end = \(period.end.description)::date GROUP BY measure_id
            """).decode((String, Int).self) {
            versions[measure] = version
        }
        let payloads = results.map { result, read in
            QualityMeasurePeriodCalculated.Payload(
                organizationId: tx.organizationID, timestamp: now, correlationId: tx.correlationID, measureId: result.indicator.rawValue,
                periodStart: period.start.description, periodEnd: period.end.description, denominatorCount: result.denominator,
                numeratorCount: result.numerator, rate: QualityMeasurePeriodCalculated.rate(numerator: result.numerator, denominator: result.denominator),
                calculationVersion: (versions[result.indicator.rawValue] ?? 0) + 1,
                metadata: QualityMeasureMetadata.make(sourceSystem: sourceSystem, processedAt: now, counts: [
                    .initialPopulation: result.initialPopulation, .exclusion: result.exclusions,
                    .sourceEncounters: read.sourceEncounterCount, .practiceVisits: read.practiceVisitCount,
                    .hospiceExclusion: result.excludedBy[.hospice] ?? 0, .deathExclusion: result.excludedBy[.death] ?? 0,
                    .enrollmentExclusion: result.excludedBy[.enrollment] ?? 0,
                ]))
        }
        let eventIDs = try await bus.publishAll(QualityMeasurePeriodCalculated.self, payloads, in: tx)
        let ids = UUID.random(count: payloads.count)
        let metadata = try payloads.map { String(decoding: try SortedKeysJSONEncoder.events.encode($0.metadata ?? [:]), as: UTF8.self) }
        try await tx.query("""
            INSERT INTO cl_quality_measure_periods (organization_id, id, measure_id, period_start, period_end, denominator_count, numerator_count,
              rate, calculation_version, calculated_at, calculated_by, metadata, published_event_id)
            SELECT \(tx.organizationID), r.id, r.measure, \(period.start.description)::date, \(period.end.description)::date, r.denominator, r.numerator,
              CASE WHEN r.denominator = 0 THEN NULL ELSE round(r.numerator::numeric / r.denominator, 4) END, r.version, \(now), \(principal?.userID), r.metadata::jsonb, r.event
            FROM unnest(\(ids)::uuid[], \(payloads.map(\.measureId))::text[], \(payloads.map(\.denominatorCount))::int[],
                        \(payloads.map(\.numeratorCount))::int[],
                        \(payloads.map(\.calculationVersion))::int[], \(metadata)::text[], \(eventIDs)::uuid[])
                 AS r(id, measure, denominator, numerator, version, metadata, event)
            """)
        try await AuditLog.record(AuditEntry(action: "clinical.quality.period_finalized", entityType: "quality_measure_period",
                                             entityID: "\(period.start)..\(period.end)", details: Dictionary(uniqueKeysWithValues: payloads.map {
                                                 ($0.measureId, "v\($0.calculationVersion)")
                                             })), by: principal, in: tx)
        return zip(zip(ids, eventIDs), zip(payloads, results.map(\.0))).map { pair, values in
            QualityMeasurePeriodResult(id: pair.0, measureId: values.0.measureId, periodStart: period.start, periodEnd: period.end,
                                       denominatorCount: values.0.denominatorCount, numeratorCount: values.0.numeratorCount, rate: values.0.rate,
                                       calculationVersion: values.0.calculationVersion, calculatedAt: now, publishedEventId: pair.1,
                                       initialPopulationCount: values.1.initialPopulation, exclusionCount: values.1.exclusions)
        }
    }
}
