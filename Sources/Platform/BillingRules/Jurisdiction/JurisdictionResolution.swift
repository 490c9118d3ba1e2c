/// Resolves the effective billing rules for an organization, optionally at a site.
///
/// Order (PF-96): the site's profile when there is one, else the organization's, else the AHCCCS
/// defaults. The first profile found is *the* chosen profile; it is never merged with the next one.
///
/// Decision: when the site's profile lacks a key, that key falls back to the AHCCCS default, not to
/// the organization's profile. The seed resolves "by site when applicable" and then names only the
/// AHCCCS defaults as fallback; merging two profiles would also make the page's "which values are
/// fallbacks" ambiguous.
///
/// Fallback is per part and fail-open:
/// - a failed lookup ignores any profiles passed and returns the defaults with `lookupFailed` set;
/// - a missing `billing` key falls back for the three billing values only;
/// - a missing or empty `modifier_conventions` list selects the legacy table;
/// - each omitted IOP/PHP key falls back on its own;
/// - a missing or blank `display_name` becomes "AHCCCS".
/// A stored value outside its valid range (for example zero minutes, which validation rejects on
/// save) is treated as missing, so a bad row cannot stop charges from flowing.
public func resolveJurisdictionProfile(
    siteProfile: SiteJurisdictionProfile?,
    organizationProfile: JurisdictionProfile?,
    lookupFailed: Bool = false
) -> ResolvedJurisdiction {
    if lookupFailed {
        var resolved = ResolvedJurisdiction.ahcccsDefaults
        resolved.lookupFailed = true
        return resolved
    }
    let source: ProfileSource
    let profile: JurisdictionProfile
    if let siteProfile {
        source = .site(id: siteProfile.siteID)
        profile = siteProfile.profile
    } else if let organizationProfile {
        source = .organization
        profile = organizationProfile
    } else {
        return .ahcccsDefaults
    }

    var fallbacks: Set<FallbackField> = []
    func pick<Value>(_ value: Value?, _ isUsable: (Value) -> Bool, _ fallback: Value, _ field: FallbackField) -> Value {
        if let value, isUsable(value) { return value }
        fallbacks.insert(field)
        return fallback
    }

    let displayName = pick(profile.displayName, ProfileValueBounds.isUsableDisplayName, AHCCCSDefaults.displayName, .displayName)

    let billing = profile.billing
    let minimum = pick(billing?.minBillableMinutes, ProfileValueBounds.isUsableMinutes, AHCCCSDefaults.minBillableMinutes, .minBillableMinutes)
    let unit = pick(billing?.timedCodeUnitMinutes, ProfileValueBounds.isUsableMinutes, AHCCCSDefaults.timedCodeUnitMinutes, .timedCodeUnitMinutes)
    let conventions = pick(billing?.modifierConventions, { !$0.isEmpty }, [], .modifierConventions)

    let overrides = profile.iopPhpCompliance
    let defaults = AHCCCSDefaults.iopPhpThresholds
    let thresholds = IOPPHPThresholds(
        iopMinHoursPerWeek: pick(overrides?.iopMinHoursPerWeek, ProfileValueBounds.isUsableHoursPerWeek, defaults.iopMinHoursPerWeek, .iopMinHoursPerWeek),
        iopMinDaysPerWeek: pick(overrides?.iopMinDaysPerWeek, ProfileValueBounds.isUsableDaysPerWeek, defaults.iopMinDaysPerWeek, .iopMinDaysPerWeek),
        iopMinHoursPerDay: pick(overrides?.iopMinHoursPerDay, ProfileValueBounds.isUsableHoursPerDay, defaults.iopMinHoursPerDay, .iopMinHoursPerDay),
        phpMinHoursPerWeek: pick(overrides?.phpMinHoursPerWeek, ProfileValueBounds.isUsableHoursPerWeek, defaults.phpMinHoursPerWeek, .phpMinHoursPerWeek),
        phpMinDaysPerWeek: pick(overrides?.phpMinDaysPerWeek, ProfileValueBounds.isUsableDaysPerWeek, defaults.phpMinDaysPerWeek, .phpMinDaysPerWeek),
        phpMinHoursPerDay: pick(overrides?.phpMinHoursPerDay, ProfileValueBounds.isUsableHoursPerDay, defaults.phpMinHoursPerDay, .phpMinHoursPerDay)
    )

    return ResolvedJurisdiction(
        source: source,
        displayName: displayName,
        stateCode: profile.stateCode,
        billing: EffectiveBillingRules(minBillableMinutes: minimum, timedCodeUnitMinutes: unit, modifierConventions: conventions),
        iopPhp: thresholds,
        fallbacks: fallbacks,
        lookupFailed: false,
        financialClearanceThreshold: profile.financialClearanceThreshold.flatMap { ProfileValueBounds.isUsableFinancialClearanceThreshold($0) ? $0 : nil }
    )
}
