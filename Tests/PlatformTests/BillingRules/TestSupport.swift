import Platform

/// A date from `"YYYY-MM-DD"`; test tables only use valid dates.
func day(_ text: String) -> ServiceDate {
    guard let date = ServiceDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// The example Arizona profile: the defaults written out explicitly.
let arizonaProfile = JurisdictionProfile(
    displayName: "AHCCCS",
    stateCode: "AZ",
    billing: BillingRulesConfig(minBillableMinutes: 8, timedCodeUnitMinutes: 15, modifierConventions: nil)
)

/// The example California profile: audio-only telehealth is `93`, not `FQ`.
let californiaProfile = JurisdictionProfile(
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
let fullOverrides = IOPPHPThresholdOverrides(
    iopMinHoursPerWeek: 6,
    iopMinDaysPerWeek: 2,
    iopMinHoursPerDay: 2.5,
    phpMinHoursPerWeek: 18,
    phpMinDaysPerWeek: 4,
    phpMinHoursPerDay: 3.5
)

/// The fee schedule used by the engine and parity tests.
let testFeeSchedule = FeeSchedule(
    mappings: [
        ServiceCodeMapping(serviceType: "individual_counseling", procedureCode: "H0004", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "group_counseling", procedureCode: "H0005", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "family_counseling", procedureCode: "H0004", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "peer_support", procedureCode: "H0038", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "case_management", procedureCode: "T1016", period: EffectivePeriod(from: day("2024-01-01"))),
    ],
    fees: [
        FeeScheduleEntry(procedureCode: "H0004", unitRateCents: 2_918, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "H0005", unitRateCents: 1_102, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "H0038", unitRateCents: 1_650, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "T1016", unitRateCents: 2_010, period: EffectivePeriod(from: day("2024-01-01"))),
    ]
)
