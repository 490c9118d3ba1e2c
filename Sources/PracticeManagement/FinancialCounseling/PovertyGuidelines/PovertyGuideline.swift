public import Platform

/// The three HHS poverty-guideline regions.
public enum PovertyGuidelineRegion: String, Sendable, Codable, Equatable, CaseIterable {
    /// The 48 contiguous states and the District of Columbia.
    case contiguous
    case alaska
    case hawaii

    /// The region of a state: AK and HI have their own tables; every other code reads the
    /// contiguous table (HHS publishes none for the territories).
    public init(stateCode: String) {
        switch stateCode.uppercased() {
        case "AK": self = .alaska
        case "HI": self = .hawaii
        default: self = .contiguous
        }
    }
}

/// One year's HHS poverty guideline for one region: the first person plus an amount for each
/// additional person, in cents.
public struct PovertyGuideline: Sendable, Codable, Equatable {
    public let year: Int
    public let region: PovertyGuidelineRegion
    public let effectiveFrom: ServiceDate
    public let firstPersonCents: Int
    public let additionalPersonCents: Int

    enum CodingKeys: String, CodingKey {
        case year, region, effectiveFrom = "effective_from", firstPersonCents = "first_person_cents", additionalPersonCents = "additional_person_cents"
    }

    public init(year: Int, region: PovertyGuidelineRegion, effectiveFrom: ServiceDate, firstPersonCents: Int, additionalPersonCents: Int) {
        self.year = year
        self.region = region
        self.effectiveFrom = effectiveFrom
        self.firstPersonCents = firstPersonCents
        self.additionalPersonCents = additionalPersonCents
    }

    /// The guideline for a household of `size` (at least 1), for any size.
    public func amountCents(householdSize size: Int) -> Int {
        firstPersonCents + (max(size, 1) - 1) * additionalPersonCents
    }

    /// The household's FPL %.
    public func fplPercentage(annualIncomeCents: Int, householdSize: Int) -> FPLPercentage {
        FPLPercentage(annualIncomeCents: annualIncomeCents, guidelineCents: amountCents(householdSize: householdSize))
    }

    /// The last day a table may still be used when the next year's has not been imported: the
    /// end of February of the following year. HHS publishes each January; past that, a missing
    /// table is a forgotten import, and the date is refused rather than priced on stale figures.
    public var lastDayWithoutSuccessor: ServiceDate {
        (ServiceDate(year: year + 1, month: 3, day: 1)?.adding(days: -1)) ?? effectiveFrom
    }

    /// The guideline in effect on `date` for `region`: the one that took effect last on or
    /// before it, unless it has run past `lastDayWithoutSuccessor`. Nil means no table applies.
    public static func inEffect(on date: ServiceDate, region: PovertyGuidelineRegion, among guidelines: [PovertyGuideline]) -> PovertyGuideline? {
        let candidate = guidelines.filter { $0.region == region && $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
        guard let candidate, date <= candidate.lastDayWithoutSuccessor else { return nil }
        return candidate
    }
}
