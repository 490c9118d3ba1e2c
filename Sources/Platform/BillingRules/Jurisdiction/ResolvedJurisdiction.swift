/// The outcome of profile resolution: every effective value, where it came from and which values
/// are fallbacks (for the charge record, the effective-rules page and the fallback warning).
public struct ResolvedJurisdiction: Sendable, Hashable, Codable {
    /// The profile that was chosen, or `.defaults`.
    public var source: ProfileSource
    /// Program label; "AHCCCS" when the chosen profile has none.
    public var displayName: String
    /// The chosen profile's state code, if it has one (there is no default state).
    public var stateCode: String?
    /// Effective billing rules.
    public var billing: EffectiveBillingRules
    /// Effective IOP/PHP thresholds.
    public var iopPhp: IOPPHPThresholds
    /// The values that came from the AHCCCS defaults.
    public var fallbacks: Set<FallbackField>
    /// The profile lookup failed, so everything is a fallback.
    public var lookupFailed: Bool
    /// The chosen profile's financial clearance threshold in cents, if it sets one (no AHCCCS
    /// default: the caller falls back to the module setting, then $1,000).
    public var financialClearanceThreshold: Int?

    /// Creates a resolution; normally built by ``resolveJurisdictionProfile(siteProfile:organizationProfile:lookupFailed:)``.
    public init(
        source: ProfileSource,
        displayName: String,
        stateCode: String?,
        billing: EffectiveBillingRules,
        iopPhp: IOPPHPThresholds,
        fallbacks: Set<FallbackField>,
        lookupFailed: Bool,
        financialClearanceThreshold: Int? = nil
    ) {
        self.source = source
        self.displayName = displayName
        self.stateCode = stateCode
        self.billing = billing
        self.iopPhp = iopPhp
        self.fallbacks = fallbacks
        self.lookupFailed = lookupFailed
        self.financialClearanceThreshold = financialClearanceThreshold
    }

    /// The resolution when no profile applies at all.
    public static let ahcccsDefaults = ResolvedJurisdiction(
        source: .defaults,
        displayName: AHCCCSDefaults.displayName,
        stateCode: nil,
        billing: AHCCCSDefaults.billingRules,
        iopPhp: AHCCCSDefaults.iopPhpThresholds,
        fallbacks: Set(FallbackField.allCases),
        lookupFailed: false
    )

    /// Whether any value fell back; the caller then logs one PHI-free warning and counts it.
    public var usedFallback: Bool { lookupFailed || !fallbacks.isEmpty }

    /// Whether a given value is a fallback.
    public func isFallback(_ field: FallbackField) -> Bool { fallbacks.contains(field) }
}
