public import Platform

/// The whole Monday-to-Sunday weeks a compliance report covers. A week is judged on all of its
/// days, so a requested range is widened to the weeks it touches rather than cut mid-week.
public struct CompliancePeriod: Sendable, Hashable {
    /// A Monday.
    public let from: ServiceDate
    /// A Sunday.
    public let to: ServiceDate

    /// The longest range one report may ask for: a quarter, which keeps a response bounded.
    public static let maxRequestedDays = 92

    /// The week containing `date`.
    public init(weekContaining date: ServiceDate) {
        from = date.mondayOfWeek
        to = from.adding(days: 6) ?? from
    }

    /// The weeks touching `from`…`to`; 422 naming `to` when it is before `from` or too far after it.
    public init(from: ServiceDate, to: ServiceDate) throws {
        guard to >= from else { throw DomainError.invalid("to", "to is on or after from.") }
        guard to.dayNumber - from.dayNumber < Self.maxRequestedDays else {
            throw DomainError.invalid("to", "A report covers at most \(Self.maxRequestedDays) days; ask for a shorter range.", code: "RANGE_TOO_LONG")
        }
        self.from = from.mondayOfWeek
        self.to = to.mondayOfWeek.adding(days: 6) ?? to
    }

    /// The Monday of every week covered, in order.
    public var weekStarts: [ServiceDate] {
        stride(from: from.dayNumber, through: to.dayNumber, by: 7).compactMap { ServiceDate(dayNumber: $0) }
    }
}
