public import Foundation
public import Platform

/// A quality result as Finance stores it: the newest calculation received for one measure and period.
public struct ReceivedQualityResult: Sendable, Hashable {
    public let measureID: String
    public let periodStart: ServiceDate
    public let periodEnd: ServiceDate
    public let denominatorCount: Int
    public let numeratorCount: Int
    public let calculationVersion: Int
    public let calculatedAt: Date

    public init(measureID: String, periodStart: ServiceDate, periodEnd: ServiceDate, denominatorCount: Int, numeratorCount: Int,
                calculationVersion: Int, calculatedAt: Date) {
        self.measureID = measureID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.denominatorCount = denominatorCount
        self.numeratorCount = numeratorCount
        self.calculationVersion = calculationVersion
        self.calculatedAt = calculatedAt
    }

    /// The result an event carries; nil when its dates are not calendar dates (the contract refuses those before publishing).
    public init?(_ payload: QualityMeasurePeriodCalculated.Payload) {
        guard let start = ServiceDate(payload.periodStart), let end = ServiceDate(payload.periodEnd) else { return nil }
        self.init(measureID: payload.measureId, periodStart: start, periodEnd: end, denominatorCount: payload.denominatorCount,
                  numeratorCount: payload.numeratorCount, calculationVersion: payload.calculationVersion, calculatedAt: payload.timestamp)
    }

    /// The result the integration layer reads from Clinical.
    public init?(_ result: QualityMeasureResult) {
        guard let start = ServiceDate(result.periodStart), let end = ServiceDate(result.periodEnd) else { return nil }
        self.init(measureID: result.measureId, periodStart: start, periodEnd: end, denominatorCount: result.denominatorCount,
                  numeratorCount: result.numeratorCount, calculationVersion: result.calculationVersion, calculatedAt: result.calculatedAt)
    }
}
