import Foundation
public import Platform

/// Why a denominator event is removed beyond each measure's own event rules: the required
/// exclusions and the continuous-enrollment criterion of HEDIS FUH, FUM and IET (MY2024/2025).
/// An event removed for more than one reason is counted once, under the first in this order.
public enum ExclusionReason: String, CaseIterable, Sendable, Hashable {
    /// In hospice or using hospice services any time in the measurement period.
    case hospice
    /// Died any time in the measurement period.
    case death
    /// Not continuously enrolled from the event's look-back to its follow-up window's end.
    case enrollment
}

/// One span of coverage on file, both ends inclusive; no end is open-ended.
public struct CoverageSpan: Sendable, Hashable {
    public let from: ServiceDate
    public let through: ServiceDate?

    public init(from: ServiceDate, through: ServiceDate?) {
        self.from = from
        self.through = through
    }
}

/// What the organization knows of one patient that can exclude them: hospice evidence, a death,
/// and the coverage on file. Coverage is `nil` when none is recorded at all: enrollment is then
/// unknown and not held against the patient (a practice does not always know a patient's plan).
public struct MemberStatus: Sendable, Hashable {
    public var hospiceDates: [ServiceDate]
    public var deathDate: ServiceDate?
    public var coverage: [CoverageSpan]?

    public init(hospiceDates: [ServiceDate] = [], deathDate: ServiceDate? = nil, coverage: [CoverageSpan]? = nil) {
        self.hospiceDates = hospiceDates
        self.deathDate = deathDate
        self.coverage = coverage
    }

    public static let unknown = MemberStatus()

    /// Why an event whose enrollment must run from `enrolledFrom` through `enrolledThrough`
    /// (day numbers) is excluded from a measure over `period`; nil when it stays.
    public func exclusion(enrolledFrom: Int, through enrolledThrough: Int, period: MeasurementPeriod) -> ExclusionReason? {
        let days = period.start.dayNumber...period.end.dayNumber
        if hospiceDates.contains(where: { days.contains($0.dayNumber) }) { return .hospice }
        if let deathDate, days.contains(deathDate.dayNumber) { return .death }
        if let coverage, !Self.covers(coverage, from: enrolledFrom, through: enrolledThrough) { return .enrollment }
        return nil
    }

    /// Whether the spans together cover every day from `from` through `through` (no gap of even a day).
    static func covers(_ spans: [CoverageSpan], from: Int, through: Int) -> Bool {
        var covered = from - 1
        for span in spans.sorted(by: { $0.from < $1.from }) {
            guard span.from.dayNumber <= covered + 1 else { break }
            covered = max(covered, span.through?.dayNumber ?? Int.max)
            if covered >= through { return true }
        }
        return covered >= through
    }
}

/// The tally a measure keeps of its exclusions.
struct ExclusionTally {
    private(set) var counts: [ExclusionReason: Int] = [:]

    /// Whether the event stays; an excluded one is counted under its reason.
    mutating func keeps(_ status: MemberStatus?, enrolledFrom: Int, through: Int, period: MeasurementPeriod) -> Bool {
        guard let status, let reason = status.exclusion(enrolledFrom: enrolledFrom, through: through, period: period) else { return true }
        counts[reason, default: 0] += 1
        return false
    }
}
