/// The outcome of profile resolution: every effective value, where it came from and which values
/// are fallbacks (for the charge record, the effective-rules page and the fallback warning).
///
/// The values sit in one immutable box, so a copy is one retain: every charge capture copies its
/// resolution out of the resolver's cache, and copying the values themselves (two strings, the
/// conventions, the fallback set, the source) cost about as much as evaluating the charge. Setting a
/// property builds a new box; that happens only while a resolution is being made.
public struct ResolvedJurisdiction: Sendable, Hashable, Codable {
    private var storage: Storage

    /// The profile that was chosen, or `.defaults`.
    public var source: ProfileSource {
        get { storage.values.source }
        set { update { $0.source = newValue } }
    }
    /// Program label; "AHCCCS" when the chosen profile has none.
    public var displayName: String {
        get { storage.values.displayName }
        set { update { $0.displayName = newValue } }
    }
    /// The chosen profile's state code, if it has one (there is no default state).
    public var stateCode: String? {
        get { storage.values.stateCode }
        set { update { $0.stateCode = newValue } }
    }
    /// Effective billing rules.
    public var billing: EffectiveBillingRules {
        get { storage.values.billing }
        set { update { $0.billing = newValue } }
    }
    /// Effective IOP/PHP thresholds.
    public var iopPhp: IOPPHPThresholds {
        get { storage.values.iopPhp }
        set { update { $0.iopPhp = newValue } }
    }
    /// The values that came from the AHCCCS defaults.
    public var fallbacks: Set<FallbackField> {
        get { storage.values.fallbacks }
        set { update { $0.fallbacks = newValue } }
    }
    /// The profile lookup failed, so everything is a fallback.
    public var lookupFailed: Bool {
        get { storage.values.lookupFailed }
        set { update { $0.lookupFailed = newValue } }
    }
    /// The chosen profile's financial clearance threshold in cents, if it sets one (no AHCCCS
    /// default: the caller falls back to the module setting, then $1,000).
    public var financialClearanceThreshold: Int? {
        get { storage.values.financialClearanceThreshold }
        set { update { $0.financialClearanceThreshold = newValue } }
    }

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
        storage = Storage(Values(source: source, displayName: displayName, stateCode: stateCode, billing: billing, iopPhp: iopPhp,
                                 fallbacks: fallbacks, lookupFailed: lookupFailed, financialClearanceThreshold: financialClearanceThreshold))
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
    public func isFallback(_ field: FallbackField) -> Bool { storage.values.fallbacks.contains(field) }

    public static func == (lhs: ResolvedJurisdiction, rhs: ResolvedJurisdiction) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.values == rhs.storage.values
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.values) }

    /// Encoded as the values themselves (the same keys as before the box).
    public init(from decoder: any Decoder) throws { storage = Storage(try Values(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.values.encode(to: encoder) }

    private mutating func update(_ change: (inout Values) -> Void) {
        var values = storage.values
        change(&values)
        storage = Storage(values)
    }

    /// The stored values; their property names are the coding keys.
    private struct Values: Sendable, Hashable, Codable {
        var source: ProfileSource
        var displayName: String
        var stateCode: String?
        var billing: EffectiveBillingRules
        var iopPhp: IOPPHPThresholds
        var fallbacks: Set<FallbackField>
        var lookupFailed: Bool
        var financialClearanceThreshold: Int?
    }

    private final class Storage: Sendable {
        let values: Values
        init(_ values: Values) { self.values = values }
    }
}
