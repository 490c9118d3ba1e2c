public import Platform

/// What the eligibility check of a coverage looks at.
public struct CoverageEligibilityFacts: Sendable, Hashable {
    public var active: Bool
    public var effectiveFrom: ServiceDate
    public var effectiveTo: ServiceDate?
    /// Whether the coverage's payer exists in the organization.
    public var payerExists: Bool
    /// Whether the coverage carries a member id (its value is never looked at beyond that).
    public var hasMemberID: Bool

    public init(active: Bool, effectiveFrom: ServiceDate, effectiveTo: ServiceDate?, payerExists: Bool, hasMemberID: Bool) {
        self.active = active
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.payerExists = payerExists
        self.hasMemberID = hasMemberID
    }
}

/// Why a coverage is not eligible on a date; stable codes, recorded on the coverage.
public enum CoverageIneligibility: String, Sendable, Hashable, Codable, CaseIterable {
    case inactive = "COVERAGE_INACTIVE"
    case notYetEffective = "COVERAGE_NOT_YET_EFFECTIVE"
    case ended = "COVERAGE_ENDED"
    case payerMissing = "PAYER_MISSING"
    case memberIDMissing = "MEMBER_ID_MISSING"
}

/// The result of ``checkCoverageEligibility(_:on:)``: eligible when no reason applies.
public struct CoverageEligibility: Sendable, Hashable {
    public let date: ServiceDate
    public let reasons: [CoverageIneligibility]
    public var isEligible: Bool { reasons.isEmpty }
}

/// PM-02's eligibility check as the product can run it today (no payer 270/271 exchange yet): the
/// coverage is active and in force on the date (both ends inclusive), its payer exists, and it has a
/// member id. Every failing reason is listed, in a fixed order.
public func checkCoverageEligibility(_ facts: CoverageEligibilityFacts, on date: ServiceDate) -> CoverageEligibility {
    var reasons: [CoverageIneligibility] = []
    if !facts.active { reasons.append(.inactive) }
    if date < facts.effectiveFrom { reasons.append(.notYetEffective) }
    if let end = facts.effectiveTo, end < date { reasons.append(.ended) }
    if !facts.payerExists { reasons.append(.payerMissing) }
    if !facts.hasMemberID { reasons.append(.memberIDMissing) }
    return CoverageEligibility(date: date, reasons: reasons)
}
