import Foundation
import Platform

/// Turns the billing-rules edit form into a profile, collecting every problem by field path
/// (the same paths the API's 422 names), or fills the form from a stored profile.
enum BillingRulesForm {
    static func values(from profile: JurisdictionProfile?) -> BillingRulesPage.FormValues {
        var form = BillingRulesPage.FormValues()
        guard let profile else { return form }
        form.displayName = profile.displayName ?? ""
        form.stateCode = profile.stateCode ?? ""
        form.minBillableMinutes = profile.billing?.minBillableMinutes.map(String.init) ?? ""
        form.timedCodeUnitMinutes = profile.billing?.timedCodeUnitMinutes.map(String.init) ?? ""
        form.financialClearanceThreshold = profile.financialClearanceThreshold.map(BillingSettingsForms.dollars) ?? ""
        form.conventions = (profile.billing?.modifierConventions ?? []).map { "\($0.code) | \($0.trigger) | \($0.description)" }
            .joined(separator: "\n")
        if let overrides = profile.iopPhpCompliance {
            let pairs: [(String, Double?)] = [
                ("iop_min_hours_per_week", overrides.iopMinHoursPerWeek), ("iop_min_days_per_week", overrides.iopMinDaysPerWeek.map(Double.init)),
                ("iop_min_hours_per_day", overrides.iopMinHoursPerDay), ("php_min_hours_per_week", overrides.phpMinHoursPerWeek),
                ("php_min_days_per_week", overrides.phpMinDaysPerWeek.map(Double.init)), ("php_min_hours_per_day", overrides.phpMinHoursPerDay),
            ]
            for (name, value) in pairs { if let value { form.thresholds[name] = BillingRulesPage.hours(value) } }
        }
        return form
    }

    static func values(from fields: [String: String]) -> BillingRulesPage.FormValues {
        var form = BillingRulesPage.FormValues()
        form.displayName = fields["display_name"] ?? ""
        form.stateCode = fields["state_code"] ?? ""
        form.minBillableMinutes = fields["min_billable_minutes"] ?? ""
        form.timedCodeUnitMinutes = fields["timed_code_unit_minutes"] ?? ""
        form.conventions = fields["conventions"] ?? ""
        form.financialClearanceThreshold = fields["financial_clearance_threshold"] ?? ""
        for name in IOPPHPFields.names { form.thresholds[name] = fields[name] ?? "" }
        return form
    }

    /// The field path (as `profile(from:)` keys its problems) of the form's input `name`.
    static func path(ofInput name: String) -> String {
        switch name {
        case "min_billable_minutes", "timed_code_unit_minutes": "billing.\(name)"
        case "conventions": "billing.modifier_conventions"
        case _ where IOPPHPFields.names.contains(name): "clinical.iop_php_compliance.\(name)"
        default: name
        }
    }

    /// The profile the form describes, or the problems keyed by field path.
    static func profile(from form: BillingRulesPage.FormValues) -> (JurisdictionProfile?, [String: String]) {
        var errors: [String: String] = [:]
        func trimmed(_ text: String) -> String? {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        func integer(_ text: String, _ field: String) -> Int? {
            guard let value = trimmed(text) else { return nil }
            guard let number = Int(value) else { errors[field] = "Enter a whole number."; return nil }
            return number
        }
        func decimal(_ text: String, _ field: String) -> Double? {
            guard let value = trimmed(text) else { return nil }
            guard let number = Double(value), number.isFinite else { errors[field] = "Enter a number."; return nil }
            return number
        }
        var conventions: [ModifierConvention] = []
        for (index, line) in form.conventions.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else {
                errors["billing.modifier_conventions"] = "Line \(index + 1) needs three parts: CODE | trigger | meaning."
                continue
            }
            conventions.append(ModifierConvention(code: parts[0], description: parts[2], trigger: parts[1]))
        }
        let minimum = integer(form.minBillableMinutes, "billing.min_billable_minutes")
        let unit = integer(form.timedCodeUnitMinutes, "billing.timed_code_unit_minutes")
        let prefix = "clinical.iop_php_compliance."
        let t = form.thresholds
        let overrides = IOPPHPThresholdOverrides(
            iopMinHoursPerWeek: decimal(t["iop_min_hours_per_week"] ?? "", prefix + "iop_min_hours_per_week"),
            iopMinDaysPerWeek: integer(t["iop_min_days_per_week"] ?? "", prefix + "iop_min_days_per_week"),
            iopMinHoursPerDay: decimal(t["iop_min_hours_per_day"] ?? "", prefix + "iop_min_hours_per_day"),
            phpMinHoursPerWeek: decimal(t["php_min_hours_per_week"] ?? "", prefix + "php_min_hours_per_week"),
            phpMinDaysPerWeek: integer(t["php_min_days_per_week"] ?? "", prefix + "php_min_days_per_week"),
            phpMinHoursPerDay: decimal(t["php_min_hours_per_day"] ?? "", prefix + "php_min_hours_per_day"))
        var threshold: Int?
        if let text = trimmed(form.financialClearanceThreshold) {
            threshold = BillingSettingsForms.cents(text)
            if threshold == nil { errors["financial_clearance_threshold"] = "Enter an amount in dollars, e.g. 1000 or 750.50." }
        }
        let hasOverrides = IOPPHPFields.names.contains { trimmed(t[$0] ?? "") != nil }
        let hasBilling = minimum != nil || unit != nil || !conventions.isEmpty
        let profile = JurisdictionProfile(
            displayName: trimmed(form.displayName), stateCode: trimmed(form.stateCode),
            billing: hasBilling ? BillingRulesConfig(minBillableMinutes: minimum, timedCodeUnitMinutes: unit,
                                                     modifierConventions: conventions.isEmpty ? nil : conventions) : nil,
            iopPhpCompliance: hasOverrides ? overrides : nil, financialClearanceThreshold: threshold)
        for problem in validate(profile) {
            // Convention problems are shown once, beside the text area, naming the line.
            if problem.field.hasPrefix("billing.modifier_conventions") {
                let line = problem.field.split(separator: "[").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }.map { $0 + 1 }
                errors["billing.modifier_conventions"] = errors["billing.modifier_conventions"]
                    ?? "\(line.map { "Line \($0): " } ?? "")\(problem.message)"
            } else {
                errors[problem.field] = errors[problem.field] ?? problem.message
            }
        }
        return errors.isEmpty ? (profile, [:]) : (nil, errors)
    }
}
