/// Where the financial clearance threshold in force came from (seed 002's order).
public enum FinancialClearanceThresholdSource: String, Sendable, Hashable, Codable, CaseIterable {
    case jurisdictionProfile = "jurisdiction_profile"
    case moduleSetting = "module_setting"
    case `default`
}

/// The threshold a cost estimate is compared with, in cents, and its source.
public struct FinancialClearanceThreshold: Sendable, Hashable {
    /// $1,000, the seed's default when neither the profile nor the module settings set one.
    public static let defaultCents = 100_000

    public let cents: Int
    public let source: FinancialClearanceThresholdSource

    /// The jurisdiction profile's `financial_clearance_threshold` if set, else the organization's
    /// module setting, else $1,000.
    public init(jurisdictionProfile: Int?, moduleSetting: Int?) {
        if let jurisdictionProfile {
            (cents, source) = (jurisdictionProfile, .jurisdictionProfile)
        } else if let moduleSetting {
            (cents, source) = (moduleSetting, .moduleSetting)
        } else {
            (cents, source) = (Self.defaultCents, .default)
        }
    }

    /// Whether an estimate needs financial clearance: strictly above the threshold (at it, no).
    public func isExceeded(by estimatedResponsibilityCents: Int) -> Bool {
        estimatedResponsibilityCents > cents
    }
}
