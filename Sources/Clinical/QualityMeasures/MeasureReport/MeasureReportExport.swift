public import Foundation
import Platform

/// A finalized result as a FHIR R4 `MeasureReport` of type `summary`: the indicator, the period,
/// its populations (initial population, denominator exclusions, denominator, numerator) and the
/// score. Aggregates only: a summary report names no patient.
public enum MeasureReportExport {
    /// Where the product's measure definitions are named (a canonical URL, never fetched).
    public static let measureBase = "https://careledger.example/fhir/Measure/"
    static let populationSystem = "http://terminology.hl7.org/CodeSystem/measure-population"
    static let improvementSystem = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"

    struct Coding: Encodable { let system: String; let code: String; var display: String? = nil }
    struct Concept: Encodable { var coding: [Coding]? = nil; var text: String? = nil }
    struct Population: Encodable { let code: Concept; let count: Int }
    struct Quantity: Encodable { let value: Decimal }
    struct Group: Encodable { let code: Concept; let population: [Population]; let measureScore: Quantity? }
    struct Period: Encodable { let start: String; let end: String }
    struct Report: Encodable {
        let resourceType = "MeasureReport"
        let id: String
        let status = "complete"
        let type = "summary"
        let measure: String
        let date: String
        let period: Period
        let improvementNotation: Concept
        let group: [Group]
    }

    /// The report's JSON (sorted keys, so equal results export equal bytes).
    public static func json(_ result: QualityMeasurePeriodResult) throws -> Data {
        func population(_ code: String, _ count: Int) -> Population {
            Population(code: Concept(coding: [Coding(system: populationSystem, code: code)]), count: count)
        }
        let report = Report(
            id: result.id.uuidString.lowercased(),
            measure: measureBase + result.measureId,
            date: result.calculatedAt.formatted(.iso8601),
            period: Period(start: result.periodStart.description, end: result.periodEnd.description),
            improvementNotation: Concept(coding: [Coding(system: improvementSystem, code: "increase", display: "Increased score indicates improvement")]),
            group: [Group(
                code: Concept(text: result.measureId),
                population: [
                    population("initial-population", result.initialPopulationCount),
                    population("denominator-exclusion", result.exclusionCount),
                    population("denominator", result.denominatorCount),
                    population("numerator", result.numeratorCount),
                ],
                measureScore: result.rate.map { Quantity(value: Decimal(string: String(format: "%.4f", $0)) ?? 0) })])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }
}
