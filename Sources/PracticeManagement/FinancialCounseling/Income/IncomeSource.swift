import Platform

/// Where a household's income comes from (PM-32).
public enum IncomeKind: String, Sendable, Codable, Equatable, CaseIterable {
    case wages, selfEmployment = "self_employment", socialSecurity = "social_security", unemployment,
         childSupport = "child_support", other
}

/// How often an income amount is received, and how many times a year that is.
public enum IncomeFrequency: String, Sendable, Codable, Equatable, CaseIterable {
    case weekly, biweekly, semimonthly, monthly, yearly

    /// Payments a year: every week 52, every two weeks 26, twice a month 24, monthly 12, yearly 1.
    public var timesPerYear: Int {
        switch self {
        case .weekly: 52
        case .biweekly: 26
        case .semimonthly: 24
        case .monthly: 12
        case .yearly: 1
        }
    }
}

/// One income source of a household: an amount in cents received at a frequency.
public struct IncomeSource: Sendable, Codable, Equatable {
    public let kind: IncomeKind
    public let amountCents: Int
    public let frequency: IncomeFrequency

    enum CodingKeys: String, CodingKey { case kind, amountCents = "amount_cents", frequency }

    public init(kind: IncomeKind, amountCents: Int, frequency: IncomeFrequency) {
        self.kind = kind
        self.amountCents = amountCents
        self.frequency = frequency
    }

    /// The amount over a year.
    public var annualCents: Int { amountCents * frequency.timesPerYear }

    /// The household's annual income: the sum of its sources annualized.
    public static func annualHouseholdIncome(_ sources: [IncomeSource]) -> Int {
        sources.reduce(0) { $0 + $1.annualCents }
    }

    /// The largest amount accepted for one source ($100 million), well above any household and
    /// far below where annualizing could overflow.
    public static let maximumAmountCents = 10_000_000_000

    /// Reads a source as sent (codes as text), naming the offending field `income_sources[i].…`.
    public static func parse(kind: String, amountCents: Int, frequency: String, at index: Int) throws -> IncomeSource {
        let field = "income_sources[\(index)]"
        guard let parsedKind = IncomeKind(rawValue: kind) else {
            throw DomainError.invalid("\(field).kind", "Income kind is one of \(IncomeKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let parsedFrequency = IncomeFrequency(rawValue: frequency) else {
            throw DomainError.invalid("\(field).frequency", "Frequency is one of \(IncomeFrequency.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard amountCents >= 0 else { throw DomainError.invalid("\(field).amount_cents", "An income amount cannot be negative.") }
        guard amountCents <= maximumAmountCents else { throw DomainError.invalid("\(field).amount_cents", "The income amount is too large.") }
        return IncomeSource(kind: parsedKind, amountCents: amountCents, frequency: parsedFrequency)
    }
}
