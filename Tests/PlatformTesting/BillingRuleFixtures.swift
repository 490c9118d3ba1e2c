public import Platform

/// A date from `"YYYY-MM-DD"`; test tables only use valid dates.
public func day(_ text: String) -> ServiceDate {
    guard let date = ServiceDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// The example Arizona profile: the defaults written out explicitly.
public let arizonaProfile = JurisdictionProfile(
    displayName: "AHCCCS",
    stateCode: "AZ",
    billing: BillingRulesConfig(minBillableMinutes: 8, timedCodeUnitMinutes: 15, modifierConventions: nil)
)

/// The example California profile: audio-only telehealth is `93`, not `FQ`.
public let californiaProfile = JurisdictionProfile(
    displayName: "Medi-Cal",
    stateCode: "CA",
    billing: BillingRulesConfig(
        minBillableMinutes: 8,
        timedCodeUnitMinutes: 15,
        modifierConventions: [
            ModifierConvention(code: "HQ", description: "Group setting", trigger: "group"),
            ModifierConvention(code: "95", description: "Synchronous audio-video telehealth", trigger: "telehealth_audio_video"),
            ModifierConvention(code: "93", description: "Synchronous audio-only telehealth", trigger: "telehealth_audio_only"),
            ModifierConvention(code: "GQ", description: "Asynchronous telehealth", trigger: "telehealth_store_forward"),
        ]
    )
)

/// A complete set of IOP/PHP overrides, all different from the AHCCCS defaults.
public let fullOverrides = IOPPHPThresholdOverrides(
    iopMinHoursPerWeek: 6,
    iopMinDaysPerWeek: 2,
    iopMinHoursPerDay: 2.5,
    phpMinHoursPerWeek: 18,
    phpMinDaysPerWeek: 4,
    phpMinHoursPerDay: 3.5
)
