/// The ranges a stored profile value must fall in. Shared by save-time validation and by
/// resolution, which treats an out-of-range stored value like a missing one (fail-safe).
enum ProfileValueBounds {
    static func isUsableMinutes(_ minutes: Int) -> Bool { minutes > 0 }

    static func isUsableHoursPerWeek(_ hours: Double) -> Bool { hours.isFinite && hours > 0 && hours <= 168 }

    static func isUsableHoursPerDay(_ hours: Double) -> Bool { hours.isFinite && hours > 0 && hours <= 24 }

    static func isUsableDaysPerWeek(_ days: Int) -> Bool { (1...7).contains(days) }

    static func isUsableDisplayName(_ name: String) -> Bool { !name.allSatisfy(\.isWhitespace) }

    /// $1,000,000: an estimate above it is not a figure a practice routes on.
    static let maximumFinancialClearanceThreshold = 100_000_000

    static func isUsableFinancialClearanceThreshold(_ cents: Int) -> Bool { (0...maximumFinancialClearanceThreshold).contains(cents) }

    static func isUsableStateCode(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
