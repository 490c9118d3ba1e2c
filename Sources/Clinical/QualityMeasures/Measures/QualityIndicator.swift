/// Each reported rate is its own indicator with its own result and event.
public enum QualityIndicator: String, CaseIterable, Sendable, Codable {
    case fuh7 = "HEDIS_FUH_7"
    case fuh30 = "HEDIS_FUH_30"
    case fum7 = "HEDIS_FUM_7"
    case fum30 = "HEDIS_FUM_30"
    case ietInitiation = "HEDIS_IET_INIT"
    case ietEngagement = "HEDIS_IET_ENGAGE"
    case ammAcute = "HEDIS_AMM_ACUTE"
    case ammContinuation = "HEDIS_AMM_CONT"
    case groupAttendance = "CL_GROUP_ATTENDANCE"

    /// What the page calls it.
    public var title: String {
        switch self {
        case .fuh7: "Follow-up after hospitalization for mental illness, 7 days"
        case .fuh30: "Follow-up after hospitalization for mental illness, 30 days"
        case .fum7: "Follow-up after ED visit for mental illness, 7 days"
        case .fum30: "Follow-up after ED visit for mental illness, 30 days"
        case .ietInitiation: "Initiation of SUD treatment (14 days)"
        case .ietEngagement: "Engagement of SUD treatment (34 days after initiation)"
        case .ammAcute: "Antidepressant medication management, effective acute phase (84 of 114 days)"
        case .ammContinuation: "Antidepressant medication management, effective continuation phase (180 of 231 days)"
        case .groupAttendance: "Group attendance rate (billable attendances ÷ rostered participants)"
        }
    }

    /// What the denominator counts, for the MeasureReport and the page.
    public var denominatorUnit: String {
        switch self {
        case .fuh7, .fuh30: "discharges"
        case .fum7, .fum30: "ED visits"
        case .ietInitiation, .ietEngagement: "new SUD episodes"
        case .ammAcute, .ammContinuation: "patients newly treated for major depression"
        case .groupAttendance: "rostered participant rows"
        }
    }
}

/// One indicator's counts for a period.
public struct IndicatorResult: Sendable, Hashable {
    public let indicator: QualityIndicator
    /// Events that met the event, diagnosis and age criteria before exclusions.
    public let initialPopulation: Int
    /// Events removed by exclusions (initial population − denominator): the measure's own event
    /// rules (a readmission, an admission after the ED visit) and the member exclusions.
    public let exclusions: Int
    /// Of `exclusions`, those removed by hospice, death or a gap in enrollment.
    public let excludedBy: [ExclusionReason: Int]
    public let denominator: Int
    public let numerator: Int

    public init(indicator: QualityIndicator, initialPopulation: Int, denominator: Int, numerator: Int, excludedBy: [ExclusionReason: Int] = [:]) {
        self.indicator = indicator
        self.initialPopulation = initialPopulation
        self.exclusions = initialPopulation - denominator
        self.excludedBy = excludedBy.filter { $0.value > 0 }
        self.denominator = denominator
        self.numerator = numerator
    }
}
