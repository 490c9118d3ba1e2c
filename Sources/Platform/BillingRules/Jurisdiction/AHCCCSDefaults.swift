/// The Arizona (AHCCCS) values every part of a profile falls back to (PF-96 fallback chain).
public enum AHCCCSDefaults {
    /// Program label shown when a profile has no `display_name`.
    public static let displayName = "AHCCCS"
    /// Minimum billable minutes of a timed service.
    public static let minBillableMinutes = 8
    /// Length of one timed-code unit in minutes.
    public static let timedCodeUnitMinutes = 15
    /// Billing rules with the legacy modifier table (no conventions).
    public static let billingRules = EffectiveBillingRules(
        minBillableMinutes: minBillableMinutes,
        timedCodeUnitMinutes: timedCodeUnitMinutes,
        modifierConventions: nil
    )
    /// IOP: at least 9 h/week over at least 3 days of at least 3 h; PHP: 20 h/week, 5 days, 4 h/day.
    public static let iopPhpThresholds = IOPPHPThresholds(
        iopMinHoursPerWeek: 9,
        iopMinDaysPerWeek: 3,
        iopMinHoursPerDay: 3,
        phpMinHoursPerWeek: 20,
        phpMinDaysPerWeek: 5,
        phpMinHoursPerDay: 4
    )
}
