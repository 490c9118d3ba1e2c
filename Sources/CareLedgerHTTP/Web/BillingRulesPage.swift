import PageMarkup
import Platform

/// The organization's effective billing rules, read-only for everyone signed in, with an edit
/// form for those who manage billing rules. Fallback values are marked as such.
enum BillingRulesPage {
    /// The edit form's values as typed, so a refused save shows them again beside the errors.
    struct FormValues: Sendable {
        var displayName = ""
        var stateCode = ""
        var minBillableMinutes = ""
        var timedCodeUnitMinutes = ""
        var conventions = ""
        var thresholds: [String: String] = [:]
        /// Dollars, as typed; empty leaves it to the module setting.
        var financialClearanceThreshold = ""
    }

    static func render(home: HomeQuery, principal: Principal, effective: ResolvedJurisdiction, canEdit: Bool, form: FormValues, settings: BillingSettingsSections.Model,
                       errors: [String: String] = [:], saved: Bool = false) -> String {
        let fallback = Set(effective.fallbacks.map(\.rawValue))
        func marker(_ field: String) -> Node<HTML.BodyContext> {
            fallback.contains(field) ? .span(.class("badge"), .text("AHCCCS default")) : .empty
        }
        let iop = effective.iopPhp
        let rows: [(String, String, String)] = [
            ("Program label", effective.displayName, "display_name"),
            ("Minimum billable minutes", "\(effective.billing.minBillableMinutes)", "billing.min_billable_minutes"),
            ("Timed-code unit (minutes)", "\(effective.billing.timedCodeUnitMinutes)", "billing.timed_code_unit_minutes"),
            ("IOP hours per week (at least)", hours(iop.iopMinHoursPerWeek), "clinical.iop_php_compliance.iop_min_hours_per_week"),
            ("IOP days per week (at least)", "\(iop.iopMinDaysPerWeek)", "clinical.iop_php_compliance.iop_min_days_per_week"),
            ("IOP hours per day (at least)", hours(iop.iopMinHoursPerDay), "clinical.iop_php_compliance.iop_min_hours_per_day"),
            ("PHP hours per week (at least)", hours(iop.phpMinHoursPerWeek), "clinical.iop_php_compliance.php_min_hours_per_week"),
            ("PHP days per week (at least)", "\(iop.phpMinDaysPerWeek)", "clinical.iop_php_compliance.php_min_days_per_week"),
            ("PHP hours per day (at least)", hours(iop.phpMinHoursPerDay), "clinical.iop_php_compliance.php_min_hours_per_day"),
            ("Financial clearance threshold", effective.financialClearanceThreshold.map { "$" + BillingSettingsForms.dollars($0) }
                ?? "not set: the module setting applies, else $1,000.00", "financial_clearance_threshold"),
        ]
        return Layout.page(title: "Billing rules", home: home, principal: principal, section: .billingRules, content: .div(
            .if(saved, .p(.class("notice"), .text("Saved. Charges use the new rules from now on."))),
            .div(.class("card"),
                .h1("Billing rules"),
                .p(.text("Source: "), .strong(.text(sourceLabel(effective.source))),
                   .unwrap(effective.stateCode) { .text(" · State \($0)") }),
                .table(.tbody(.forEach(rows) { row in
                    .tr(.th(.text(row.0)), .td(.text(row.1), .text(" "), marker(row.2)))
                })),
                .h2("Modifier conventions"),
                .p(effective.billing.usesLegacyModifiers
                   ? .text("No conventions are set, so the Arizona (AHCCCS) modifier table applies.")
                   : .text("These conventions replace the Arizona modifier table.")),
                .table(
                    .thead(.tr(.th("Code"), .th("Trigger"), .th("Meaning"))),
                    .tbody(.forEach(effective.billing.effectiveModifierConventions) { convention in
                        .tr(.td(.code(.text(convention.code))), .td(.text(convention.trigger)), .td(.text(convention.description)))
                    }))
            ),
            .if(canEdit, editForm(form, errors: errors)),
            BillingSettingsSections.render(settings, canEdit: canEdit)
        )).render()
    }

    static func editForm(_ form: FormValues, errors: [String: String]) -> Node<HTML.BodyContext> {
        func field(_ label: String, _ name: String, _ value: String, errorKey: String, hint: String? = nil) -> Node<HTML.FormContext> {
            .group(
                .label(.for(name), .text(label)),
                .input(.id(name), .name(name), .value(value), .attribute(named: "inputmode", value: name.contains("minutes") || name.contains("_per_") ? "decimal" : nil)),
                .unwrap(hint) { .small(.text($0)) },
                .unwrap(errors[errorKey]) { .p(.class("error"), .text($0)) }
            )
        }
        return .div(.class("card"),
            .h2("Edit the organization's profile"),
            .p(.text("Leave a value empty to use the Arizona (AHCCCS) default.")),
            .if(!errors.isEmpty, .p(.class("error"), .text("The profile was not saved. Fix the fields marked below."))),
            .form(.action("/billing-rules"), .method(.post),
                field("Program label", "display_name", form.displayName, errorKey: "display_name"),
                field("State", "state_code", form.stateCode, errorKey: "state_code", hint: "Two capital letters, e.g. CA."),
                field("Minimum billable minutes", "min_billable_minutes", form.minBillableMinutes, errorKey: "billing.min_billable_minutes"),
                field("Timed-code unit (minutes)", "timed_code_unit_minutes", form.timedCodeUnitMinutes, errorKey: "billing.timed_code_unit_minutes"),
                .label(.for("conventions"), .text("Modifier conventions")),
                .textarea(.id("conventions"), .name("conventions"), .attribute(named: "rows", value: "6"), .text(form.conventions)),
                .small(.text("One per line: CODE | trigger | meaning, e.g. 93 | telehealth_audio_only | Audio-only telehealth. Triggers: "
                             + ModifierTrigger.allCases.map(\.rawValue).joined(separator: ", ") + ".")),
                .unwrap(errors["billing.modifier_conventions"]) { .p(.class("error"), .text($0)) },
                field("Financial clearance threshold (dollars)", "financial_clearance_threshold", form.financialClearanceThreshold,
                      errorKey: "financial_clearance_threshold",
                      hint: "A cost estimate above it opens a financial-counseling referral. Empty: the module setting applies."),
                .forEach(IOPPHPFields.names) { name in
                    field(name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "iop", with: "IOP")
                            .replacingOccurrences(of: "php", with: "PHP"),
                          name, form.thresholds[name] ?? "", errorKey: "clinical.iop_php_compliance.\(name)")
                },
                .button(.class("primary"), .type(.submit), .text("Save profile"))
            )
        )
    }

    static func sourceLabel(_ source: ProfileSource) -> String {
        switch source {
        case .site: "this site's profile"
        case .organization: "the organization's profile"
        case .defaults: "Arizona (AHCCCS) defaults: no profile is set"
        }
    }

    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
