/// A resolved value that came from the AHCCCS defaults rather than the chosen profile.
///
/// Raw values are the stored field paths, so a page or a charge record can name them directly.
public enum FallbackField: String, Sendable, Hashable, Codable, CaseIterable {
    /// `display_name` was unset or blank.
    case displayName = "display_name"
    /// `billing.min_billable_minutes` was missing or unusable.
    case minBillableMinutes = "billing.min_billable_minutes"
    /// `billing.timed_code_unit_minutes` was missing or unusable.
    case timedCodeUnitMinutes = "billing.timed_code_unit_minutes"
    /// `billing.modifier_conventions` was missing or empty: the legacy table applies.
    case modifierConventions = "billing.modifier_conventions"
    /// `clinical.iop_php_compliance.iop_min_hours_per_week` was omitted or unusable.
    case iopMinHoursPerWeek = "clinical.iop_php_compliance.iop_min_hours_per_week"
    /// `clinical.iop_php_compliance.iop_min_days_per_week` was omitted or unusable.
    case iopMinDaysPerWeek = "clinical.iop_php_compliance.iop_min_days_per_week"
    /// `clinical.iop_php_compliance.iop_min_hours_per_day` was omitted or unusable.
    case iopMinHoursPerDay = "clinical.iop_php_compliance.iop_min_hours_per_day"
    /// `clinical.iop_php_compliance.php_min_hours_per_week` was omitted or unusable.
    case phpMinHoursPerWeek = "clinical.iop_php_compliance.php_min_hours_per_week"
    /// `clinical.iop_php_compliance.php_min_days_per_week` was omitted or unusable.
    case phpMinDaysPerWeek = "clinical.iop_php_compliance.php_min_days_per_week"
    /// `clinical.iop_php_compliance.php_min_hours_per_day` was omitted or unusable.
    case phpMinHoursPerDay = "clinical.iop_php_compliance.php_min_hours_per_day"
}
