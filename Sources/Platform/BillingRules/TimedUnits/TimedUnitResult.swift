/// The units a timed service earns, or why it earns none.
public enum TimedUnitResult: Sendable, Hashable, Codable {
    /// The service is billable for this many units (always at least one).
    case billable(units: Int)
    /// The service cannot be billed.
    case notBillable(reason: NotBillableReason)

    /// The units, or `nil` when not billable.
    public var units: Int? {
        if case .billable(let units) = self { units } else { nil }
    }
}

/// Why a timed service earns no units. Carries numbers, not text, so computing it never allocates.
public enum NotBillableReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// No time was recorded (zero or negative minutes).
    case noTimeRecorded(minutes: Int)
    /// The time is below the jurisdiction's minimum billable minutes.
    case belowMinimum(minutes: Int, minimum: Int)
    /// The rules themselves are unusable (a non-positive minimum or unit length).
    case invalidRules(minimumBillableMinutes: Int, unitMinutes: Int)

    /// A sentence for the charge preview, naming the minutes and the minimum.
    public var description: String {
        switch self {
        case .noTimeRecorded(let minutes):
            "No billable time recorded (\(minutes) minutes)."
        case .belowMinimum(let minutes, let minimum):
            "\(minutes) minutes is below the \(minimum)-minute minimum for a billable unit."
        case .invalidRules(let minimum, let unit):
            "The billing rules are unusable (minimum \(minimum) minutes, unit \(unit) minutes)."
        }
    }
}
