/// A household's income as a percentage of the federal poverty guideline, to two decimals,
/// held exactly as hundredths of a percent (150.25 % is 15025).
public struct FPLPercentage: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    /// Annual household income ÷ guideline × 100, rounded half up to two decimals.
    public init(annualIncomeCents: Int, guidelineCents: Int) {
        precondition(guidelineCents > 0 && annualIncomeCents >= 0)
        hundredths = (annualIncomeCents * 10_000 * 2 + guidelineCents) / (guidelineCents * 2)
    }

    /// Parses `"150.25"`, `"100"` or `"0.5"`; nil for anything else (negatives, three decimals).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, parts[0].allSatisfy(\.isNumber) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        hundredths = whole * 100 + fraction
    }

    /// `"150.25"`.
    public var description: String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (a: FPLPercentage, b: FPLPercentage) -> Bool { a.hundredths < b.hundredths }

    /// The largest percentage read from JSON: far above any household, far below overflow.
    public static let largestPercent = 1_000_000.0

    /// Encoded as a JSON number with two decimals (150.25).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Double(hundredths) / 100)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Double.self)
        // The bound keeps `Int(…)` from trapping on a number like 1e300 sent in a schedule.
        guard value.isFinite, (0...Self.largestPercent).contains(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "An FPL percentage is a number from 0 to 1,000,000.")
        }
        hundredths = Int((value * 100).rounded())
    }
}
