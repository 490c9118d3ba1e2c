/// Checks a profile before it is saved; an empty result means it may be stored.
///
/// Errors come in field order. Unknown convention triggers are accepted on purpose: PF-96 keeps
/// them for forward compatibility and ignores them when selecting modifiers. The "minimum above
/// unit" check compares the values that will be in force, so an omitted key is compared through its
/// AHCCCS default (a unit of 5 with no minimum fails against the default minimum of 8).
public func validate(_ profile: JurisdictionProfile) -> [ProfileValidationError] {
    var errors: [ProfileValidationError] = []
    func fail(_ field: String, _ kind: ProfileValidationError.Kind, _ message: String) {
        errors.append(ProfileValidationError(field: field, kind: kind, message: message))
    }

    if let name = profile.displayName, !ProfileValueBounds.isUsableDisplayName(name) {
        fail("display_name", .blank, "The program label must not be blank; leave it unset to show \"AHCCCS\".")
    }
    if let state = profile.stateCode, !ProfileValueBounds.isUsableStateCode(state) {
        fail("state_code", .malformedStateCode, "The state code must be two uppercase letters, such as \"AZ\".")
    }

    if let threshold = profile.financialClearanceThreshold {
        if threshold < 0 {
            fail("financial_clearance_threshold", .notPositive, "The financial clearance threshold is an amount in cents, 0 or more (got \(threshold)).")
        } else if threshold > ProfileValueBounds.maximumFinancialClearanceThreshold {
            fail("financial_clearance_threshold", .aboveMaximum,
                 "The financial clearance threshold cannot exceed \(ProfileValueBounds.maximumFinancialClearanceThreshold) cents.")
        }
    }
    if let billing = profile.billing {
        validateBilling(billing, fail: fail)
    }
    if let overrides = profile.iopPhpCompliance {
        validateThresholds(overrides, fail: fail)
    }
    return errors
}

private typealias Fail = (String, ProfileValidationError.Kind, String) -> Void

private func validateBilling(_ billing: BillingRulesConfig, fail: Fail) {
    let minimumField = "billing.min_billable_minutes"
    let unitField = "billing.timed_code_unit_minutes"
    if let minimum = billing.minBillableMinutes, !ProfileValueBounds.isUsableMinutes(minimum) {
        fail(minimumField, .notPositive, "The minimum billable minutes must be greater than zero (got \(minimum)).")
    }
    if let unit = billing.timedCodeUnitMinutes, !ProfileValueBounds.isUsableMinutes(unit) {
        fail(unitField, .notPositive, "The unit length must be greater than zero minutes (got \(unit)).")
    }
    let minimum = billing.minBillableMinutes ?? AHCCCSDefaults.minBillableMinutes
    let unit = billing.timedCodeUnitMinutes ?? AHCCCSDefaults.timedCodeUnitMinutes
    if minimum > 0, unit > 0, minimum > unit {
        // Report on the key the administrator actually set; when only the unit was set, the
        // default minimum is what it conflicts with.
        let field = billing.minBillableMinutes != nil ? minimumField : unitField
        fail(field, .minimumAboveUnit, "The minimum billable minutes (\(minimum)) must not exceed the unit length (\(unit)).")
    }

    guard let conventions = billing.modifierConventions else { return }
    if conventions.count > CompiledModifierRules.maximumCodes {
        fail("billing.modifier_conventions", .tooManyConventions,
             "At most \(CompiledModifierRules.maximumCodes) modifier conventions are allowed (got \(conventions.count)).")
    }
    for (index, convention) in conventions.enumerated() {
        let path = "billing.modifier_conventions[\(index)]"
        if convention.code.allSatisfy(\.isWhitespace) {
            fail("\(path).code", .blank, "The modifier code must not be empty.")
        } else if !ModifierCodeFormat.isWellFormed(convention.code) {
            fail("\(path).code", .malformedModifierCode,
                 "The modifier code must be exactly two uppercase letters or digits, such as \"95\" or \"HQ\".")
        }
        if convention.description.allSatisfy(\.isWhitespace) {
            fail("\(path).description", .blank, "The modifier description must not be empty.")
        }
        if convention.trigger.allSatisfy(\.isWhitespace) {
            fail("\(path).trigger", .blank, "The modifier trigger must not be empty.")
        }
    }
}

private func validateThresholds(_ overrides: IOPPHPThresholdOverrides, fail: Fail) {
    let prefix = "clinical.iop_php_compliance."
    func hoursPerWeek(_ value: Double?, _ key: String) {
        guard let value else { return }
        checkHours(value, field: prefix + key, limit: 168, unitName: "hours per week", fail: fail)
    }
    func hoursPerDay(_ value: Double?, _ key: String) {
        guard let value else { return }
        checkHours(value, field: prefix + key, limit: 24, unitName: "hours per day", fail: fail)
    }
    func daysPerWeek(_ value: Int?, _ key: String) {
        guard let value else { return }
        if value <= 0 {
            fail(prefix + key, .notPositive, "Days per week must be greater than zero (got \(value)).")
        } else if value > 7 {
            fail(prefix + key, .aboveMaximum, "Days per week cannot exceed 7 (got \(value)).")
        }
    }
    hoursPerWeek(overrides.iopMinHoursPerWeek, "iop_min_hours_per_week")
    daysPerWeek(overrides.iopMinDaysPerWeek, "iop_min_days_per_week")
    hoursPerDay(overrides.iopMinHoursPerDay, "iop_min_hours_per_day")
    hoursPerWeek(overrides.phpMinHoursPerWeek, "php_min_hours_per_week")
    daysPerWeek(overrides.phpMinDaysPerWeek, "php_min_days_per_week")
    hoursPerDay(overrides.phpMinHoursPerDay, "php_min_hours_per_day")
}

private func checkHours(_ value: Double, field: String, limit: Double, unitName: String, fail: Fail) {
    if !value.isFinite {
        fail(field, .notFinite, "The \(unitName) must be a finite number.")
    } else if value <= 0 {
        fail(field, .notPositive, "The \(unitName) must be greater than zero (got \(value)).")
    } else if value > limit {
        fail(field, .aboveMaximum, "The \(unitName) cannot exceed \(Int(limit)) (got \(value)).")
    }
}
