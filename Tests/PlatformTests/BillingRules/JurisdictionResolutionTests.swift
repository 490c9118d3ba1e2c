import Platform
import PlatformTesting
import Testing

@Suite("Jurisdiction profile resolution and fallback")
struct JurisdictionResolutionTests {
    private let ahcccsThresholds = IOPPHPThresholds(
        iopMinHoursPerWeek: 9, iopMinDaysPerWeek: 3, iopMinHoursPerDay: 3,
        phpMinHoursPerWeek: 20, phpMinDaysPerWeek: 5, phpMinHoursPerDay: 4
    )

    private let organization = JurisdictionProfile(
        displayName: "Texas Medicaid",
        stateCode: "TX",
        billing: BillingRulesConfig(
            minBillableMinutes: 10,
            timedCodeUnitMinutes: 15,
            modifierConventions: [ModifierConvention(code: "HQ", description: "Group", trigger: "group")]
        ),
        iopPhpCompliance: fullOverrides
    )

    @Test("no profiles: AHCCCS defaults, everything a fallback")
    func noProfiles() {
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil)
        #expect(resolved.source == .defaults)
        #expect(resolved.displayName == "AHCCCS")
        #expect(resolved.stateCode == nil)
        #expect(resolved.billing.minBillableMinutes == 8)
        #expect(resolved.billing.timedCodeUnitMinutes == 15)
        #expect(resolved.billing.usesLegacyModifiers)
        #expect(resolved.iopPhp == ahcccsThresholds)
        #expect(resolved.fallbacks == Set(FallbackField.allCases))
        #expect(!resolved.lookupFailed)
        #expect(resolved.usedFallback)
    }

    @Test("organization only: its values, no fallbacks")
    func organizationOnly() {
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: organization)
        #expect(resolved.source == .organization)
        #expect(resolved.displayName == "Texas Medicaid")
        #expect(resolved.stateCode == "TX")
        #expect(resolved.billing.minBillableMinutes == 10)
        #expect(resolved.billing.modifierConventions?.map(\.code) == ["HQ"])
        #expect(resolved.iopPhp == IOPPHPThresholds(
            iopMinHoursPerWeek: 6, iopMinDaysPerWeek: 2, iopMinHoursPerDay: 2.5,
            phpMinHoursPerWeek: 18, phpMinDaysPerWeek: 4, phpMinHoursPerDay: 3.5
        ))
        #expect(resolved.fallbacks.isEmpty)
        #expect(!resolved.usedFallback)
    }

    @Test("site over organization")
    func siteOverOrganization() {
        let site = SiteJurisdictionProfile(siteID: "site-7", profile: californiaProfile)
        let resolved = resolveJurisdictionProfile(siteProfile: site, organizationProfile: organization)
        #expect(resolved.source == .site(id: "site-7"))
        #expect(resolved.displayName == "Medi-Cal")
        #expect(resolved.stateCode == "CA")
        #expect(resolved.billing.minBillableMinutes == 8)
        #expect(resolved.billing.modifierConventions?.contains { $0.code == "93" } == true)
    }

    @Test("a key missing from the site profile falls back to AHCCCS, not to the organization")
    func siteMissingKeyUsesDefaults() {
        let site = SiteJurisdictionProfile(
            siteID: "site-1",
            profile: JurisdictionProfile(displayName: "Clinic", billing: BillingRulesConfig(timedCodeUnitMinutes: 30))
        )
        let resolved = resolveJurisdictionProfile(siteProfile: site, organizationProfile: organization)
        #expect(resolved.source == .site(id: "site-1"))
        #expect(resolved.billing.timedCodeUnitMinutes == 30)
        #expect(resolved.billing.minBillableMinutes == 8) // organization says 10
        #expect(resolved.billing.usesLegacyModifiers) // organization has conventions
        #expect(resolved.iopPhp == ahcccsThresholds) // organization has overrides
        #expect(resolved.stateCode == nil)
        #expect(resolved.fallbacks == Set(FallbackField.allCases).subtracting([.displayName, .timedCodeUnitMinutes]))
    }

    @Test("missing billing key: only the billing values fall back")
    func missingBillingKey() {
        var profile = organization
        profile.billing = nil
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile)
        #expect(resolved.source == .organization)
        #expect(resolved.billing == AHCCCSDefaults.billingRules)
        #expect(resolved.fallbacks == [.minBillableMinutes, .timedCodeUnitMinutes, .modifierConventions])
        #expect(resolved.displayName == "Texas Medicaid")
        #expect(resolved.iopPhp.iopMinHoursPerWeek == 6)
    }

    @Test("failed lookup: defaults even when profiles were passed, flagged as a failure")
    func failedLookup() {
        let resolved = resolveJurisdictionProfile(
            siteProfile: SiteJurisdictionProfile(siteID: "s", profile: californiaProfile),
            organizationProfile: organization,
            lookupFailed: true
        )
        #expect(resolved.source == .defaults)
        #expect(resolved.lookupFailed)
        #expect(resolved.usedFallback)
        #expect(resolved.displayName == "AHCCCS")
        #expect(resolved.billing == AHCCCSDefaults.billingRules)
        #expect(resolved.fallbacks == Set(FallbackField.allCases))
    }

    @Test("empty or absent conventions: legacy table, other billing values kept", arguments: [
        [ModifierConvention]?.none, .some([]),
    ])
    func emptyConventions(conventions: [ModifierConvention]?) {
        var profile = organization
        profile.billing?.modifierConventions = conventions
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile)
        #expect(resolved.billing.usesLegacyModifiers)
        #expect(resolved.billing.effectiveModifierConventions == LegacyModifierTable.rows)
        #expect(resolved.billing.minBillableMinutes == 10)
        #expect(resolved.fallbacks == [.modifierConventions])
    }

    /// Each IOP/PHP key, how to omit it, the expected default and the stored value that survives.
    static let thresholdKeys: [(field: FallbackField, omit: @Sendable (inout IOPPHPThresholdOverrides) -> Void, read: @Sendable (IOPPHPThresholds) -> Double, expected: Double)] = [
        (.iopMinHoursPerWeek, { $0.iopMinHoursPerWeek = nil }, { $0.iopMinHoursPerWeek }, 9),
        (.iopMinDaysPerWeek, { $0.iopMinDaysPerWeek = nil }, { Double($0.iopMinDaysPerWeek) }, 3),
        (.iopMinHoursPerDay, { $0.iopMinHoursPerDay = nil }, { $0.iopMinHoursPerDay }, 3),
        (.phpMinHoursPerWeek, { $0.phpMinHoursPerWeek = nil }, { $0.phpMinHoursPerWeek }, 20),
        (.phpMinDaysPerWeek, { $0.phpMinDaysPerWeek = nil }, { Double($0.phpMinDaysPerWeek) }, 5),
        (.phpMinHoursPerDay, { $0.phpMinHoursPerDay = nil }, { $0.phpMinHoursPerDay }, 4),
    ]

    @Test("each omitted IOP/PHP key falls back alone", arguments: thresholdKeys)
    func omittedThresholdKey(row: (field: FallbackField, omit: @Sendable (inout IOPPHPThresholdOverrides) -> Void, read: @Sendable (IOPPHPThresholds) -> Double, expected: Double)) {
        var overrides = fullOverrides
        row.omit(&overrides)
        var profile = organization
        profile.iopPhpCompliance = overrides
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile)
        #expect(row.read(resolved.iopPhp) == row.expected)
        #expect(resolved.fallbacks == [row.field])
        // The other five keep the stored overrides.
        let stored = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: organization).iopPhp
        for other in Self.thresholdKeys where other.field != row.field {
            #expect(other.read(resolved.iopPhp) == other.read(stored))
        }
    }

    @Test("missing or blank display name shows AHCCCS", arguments: [String?.none, "", "   "])
    func displayNameFallback(name: String?) {
        var profile = organization
        profile.displayName = name
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile)
        #expect(resolved.displayName == "AHCCCS")
        #expect(resolved.fallbacks == [.displayName])
        #expect(resolved.source == .organization)
    }

    @Test("a stored value validation would reject falls back instead of stopping charges")
    func unusableStoredValues() {
        let profile = JurisdictionProfile(
            displayName: "Bad",
            billing: BillingRulesConfig(minBillableMinutes: 0, timedCodeUnitMinutes: -15, modifierConventions: nil),
            iopPhpCompliance: IOPPHPThresholdOverrides(iopMinDaysPerWeek: 8, phpMinHoursPerDay: 25)
        )
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile)
        #expect(resolved.billing.minBillableMinutes == 8)
        #expect(resolved.billing.timedCodeUnitMinutes == 15)
        #expect(resolved.iopPhp == ahcccsThresholds)
        #expect(resolved.isFallback(.minBillableMinutes))
        #expect(resolved.isFallback(.iopMinDaysPerWeek))
        #expect(!resolved.isFallback(.displayName))
    }
}
