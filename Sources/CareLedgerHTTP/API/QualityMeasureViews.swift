import Clinical
import Foundation
import Platform

/// A stored quality-measure result as the API shows it (aggregates only).
struct QualityResultView: Encodable, Sendable {
    let id: UUID
    let measureId: String
    let title: String
    let periodStart: String
    let periodEnd: String
    let denominatorCount: Int
    let numeratorCount: Int
    let rate: Double?
    let calculationVersion: Int
    let calculatedAt: Date
    let initialPopulationCount: Int
    let exclusionCount: Int

    init(_ result: QualityMeasurePeriodResult) {
        id = result.id
        measureId = result.measureId
        title = QualityIndicator(rawValue: result.measureId)?.title ?? result.measureId
        periodStart = result.periodStart.description
        periodEnd = result.periodEnd.description
        denominatorCount = result.denominatorCount
        numeratorCount = result.numeratorCount
        rate = result.rate
        calculationVersion = result.calculationVersion
        calculatedAt = result.calculatedAt
        initialPopulationCount = result.initialPopulationCount
        exclusionCount = result.exclusionCount
    }

    static let schema: Schema = .object([
        ("id", .string(format: "uuid")), ("measure_id", .string(enumeration: QualityIndicator.allCases.map(\.rawValue))), ("title", .string()),
        ("period_start", .string(format: "date")), ("period_end", .string(format: "date")), ("denominator_count", .integer),
        ("numerator_count", .integer), ("rate", .nullable(.number)), ("calculation_version", .integer),
        ("calculated_at", .string(format: "date-time")), ("initial_population_count", .integer), ("exclusion_count", .integer),
    ], required: ["id", "measure_id", "title", "period_start", "period_end", "denominator_count", "numerator_count", "calculation_version",
                  "calculated_at", "initial_population_count", "exclusion_count"])
}

/// A care gap with the patient's name, for staff who act on it.
struct CareGapView: Encodable, Sendable {
    let patientId: UUID
    let patientName: String
    let measure: String
    let eventDate: String
    let sevenDayDueDate: String?
    let thirtyDayDueDate: String?
    let supplyLapsesOn: String?
    let daysLeft: Int

    init(_ gap: CareGap, name: String) {
        patientId = gap.patientId
        patientName = name
        measure = gap.kind.rawValue
        eventDate = gap.eventDate.description
        sevenDayDueDate = gap.sevenDayDueDate?.description
        thirtyDayDueDate = gap.thirtyDayDueDate?.description
        supplyLapsesOn = gap.supplyLapsesOn?.description
        daysLeft = gap.daysLeft
    }

    // Absent dates are written as null, so every gap has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(patientId, forKey: .patientId)
        try container.encode(patientName, forKey: .patientName)
        try container.encode(measure, forKey: .measure)
        try container.encode(eventDate, forKey: .eventDate)
        try container.encode(sevenDayDueDate, forKey: .sevenDayDueDate)
        try container.encode(thirtyDayDueDate, forKey: .thirtyDayDueDate)
        try container.encode(supplyLapsesOn, forKey: .supplyLapsesOn)
        try container.encode(daysLeft, forKey: .daysLeft)
    }

    enum CodingKeys: String, CodingKey {
        case patientId, patientName, measure, eventDate, sevenDayDueDate, thirtyDayDueDate, supplyLapsesOn, daysLeft
    }

    /// FUH and FUM gaps carry the 7- and 30-day due dates; AMM gaps the day the supply lapses.
    static let schema: Schema = .object([
        ("patient_id", .string(format: "uuid")), ("patient_name", .string()),
        ("measure", .string(enumeration: CareGap.Kind.allCases.map(\.rawValue))),
        ("event_date", .string(format: "date")), ("seven_day_due_date", .nullable(.string(format: "date"))),
        ("thirty_day_due_date", .nullable(.string(format: "date"))), ("supply_lapses_on", .nullable(.string(format: "date"))),
        ("days_left", .integer),
    ], required: ["patient_id", "patient_name", "measure", "event_date", "seven_day_due_date", "thirty_day_due_date", "supply_lapses_on",
                  "days_left"])

    static func load(now: Date = Date(), in tx: TenantTransaction) async throws -> [CareGapView] {
        let gaps = try await CareGaps.current(now: now, in: tx)
        let names = try await PeopleLookup.patientNames(Array(Set(gaps.map(\.patientId))), in: tx)
        return gaps.map { CareGapView($0, name: names[$0.patientId] ?? "") }
    }
}

/// A value set in effect: the organization's loaded list or the product's default.
struct ValueSetView: Encodable, Sendable {
    let name: String
    let purpose: String
    let codeSystem: String
    let source: String
    let codeCount: Int

    static func all(_ sets: QualityValueSets) -> [ValueSetView] {
        ValueSetName.allCases.map { name in
            let set = sets[name]
            return ValueSetView(name: name.rawValue, purpose: name.purpose, codeSystem: set.codeSystem,
                                source: set.isDefault ? "default" : "organization", codeCount: set.members.count)
        }
    }

    static let schema: Schema = .object([
        ("name", .string(enumeration: ValueSetName.allCases.map(\.rawValue))), ("purpose", .string()), ("code_system", .string()),
        ("source", .string(enumeration: ["default", "organization"])), ("code_count", .integer),
    ], required: ["name", "purpose", "code_system", "source", "code_count"])
}
