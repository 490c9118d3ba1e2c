import Platform
import PlatformTesting
import Testing

@Suite("Jurisdiction profile validation")
struct JurisdictionProfileValidationTests {
    typealias Expected = [(field: String, kind: ProfileValidationError.Kind)]

    private static func billing(_ minimum: Int? = nil, _ unit: Int? = nil, _ conventions: [ModifierConvention]? = nil) -> JurisdictionProfile {
        JurisdictionProfile(billing: BillingRulesConfig(minBillableMinutes: minimum, timedCodeUnitMinutes: unit, modifierConventions: conventions))
    }

    private static func conventions(_ list: [(String, String, String)]) -> JurisdictionProfile {
        billing(8, 15, list.map { ModifierConvention(code: $0.0, description: $0.1, trigger: $0.2) })
    }

    private static func thresholds(_ overrides: IOPPHPThresholdOverrides) -> JurisdictionProfile {
        JurisdictionProfile(iopPhpCompliance: overrides)
    }

    static let cases: [(name: String, profile: JurisdictionProfile, errors: Expected)] = [
        ("zero minimum", billing(0, 15), [("billing.min_billable_minutes", .notPositive)]),
        ("negative minimum", billing(-8, 15), [("billing.min_billable_minutes", .notPositive)]),
        ("zero unit", billing(8, 0), [("billing.timed_code_unit_minutes", .notPositive)]),
        ("negative unit", billing(8, -15), [("billing.timed_code_unit_minutes", .notPositive)]),
        ("minimum above unit", billing(16, 15), [("billing.min_billable_minutes", .minimumAboveUnit)]),
        ("minimum above default unit", billing(20, nil), [("billing.min_billable_minutes", .minimumAboveUnit)]),
        ("unit below default minimum", billing(nil, 5), [("billing.timed_code_unit_minutes", .minimumAboveUnit)]),
        ("empty code", conventions([("", "Group", "group")]), [("billing.modifier_conventions[0].code", .blank)]),
        ("lower-case code", conventions([("HQ", "Group", "group"), ("fq", "Audio", "telehealth_audio_only")]),
         [("billing.modifier_conventions[1].code", .malformedModifierCode)]),
        ("three-character code", conventions([("HQ", "a", "group"), ("95", "b", "telehealth_audio_video"), ("GTX", "c", "ub")]),
         [("billing.modifier_conventions[2].code", .malformedModifierCode)]),
        ("punctuation in code", conventions([("H-", "Group", "group")]), [("billing.modifier_conventions[0].code", .malformedModifierCode)]),
        ("empty description", conventions([("HQ", " ", "group")]), [("billing.modifier_conventions[0].description", .blank)]),
        ("empty trigger", conventions([("HQ", "Group", "")]), [("billing.modifier_conventions[0].trigger", .blank)]),
        ("everything wrong in one convention", conventions([("", "", "")]), [
            ("billing.modifier_conventions[0].code", .blank),
            ("billing.modifier_conventions[0].description", .blank),
            ("billing.modifier_conventions[0].trigger", .blank),
        ]),
        ("negative financial clearance threshold", JurisdictionProfile(financialClearanceThreshold: -1),
         [("financial_clearance_threshold", .notPositive)]),
        ("financial clearance threshold above $1,000,000", JurisdictionProfile(financialClearanceThreshold: 100_000_001),
         [("financial_clearance_threshold", .aboveMaximum)]),
        ("zero IOP hours per week", thresholds(IOPPHPThresholdOverrides(iopMinHoursPerWeek: 0)),
         [("clinical.iop_php_compliance.iop_min_hours_per_week", .notPositive)]),
        ("negative PHP hours per week", thresholds(IOPPHPThresholdOverrides(phpMinHoursPerWeek: -1)),
         [("clinical.iop_php_compliance.php_min_hours_per_week", .notPositive)]),
        ("IOP hours per week above a week", thresholds(IOPPHPThresholdOverrides(iopMinHoursPerWeek: 168.5)),
         [("clinical.iop_php_compliance.iop_min_hours_per_week", .aboveMaximum)]),
        ("NaN IOP hours per day", thresholds(IOPPHPThresholdOverrides(iopMinHoursPerDay: .nan)),
         [("clinical.iop_php_compliance.iop_min_hours_per_day", .notFinite)]),
        ("zero IOP days", thresholds(IOPPHPThresholdOverrides(iopMinDaysPerWeek: 0)),
         [("clinical.iop_php_compliance.iop_min_days_per_week", .notPositive)]),
        ("eight IOP days", thresholds(IOPPHPThresholdOverrides(iopMinDaysPerWeek: 8)),
         [("clinical.iop_php_compliance.iop_min_days_per_week", .aboveMaximum)]),
        ("eight PHP days", thresholds(IOPPHPThresholdOverrides(phpMinDaysPerWeek: 8)),
         [("clinical.iop_php_compliance.php_min_days_per_week", .aboveMaximum)]),
        ("negative PHP days", thresholds(IOPPHPThresholdOverrides(phpMinDaysPerWeek: -2)),
         [("clinical.iop_php_compliance.php_min_days_per_week", .notPositive)]),
        ("25 IOP hours a day", thresholds(IOPPHPThresholdOverrides(iopMinHoursPerDay: 25)),
         [("clinical.iop_php_compliance.iop_min_hours_per_day", .aboveMaximum)]),
        ("24.5 PHP hours a day", thresholds(IOPPHPThresholdOverrides(phpMinHoursPerDay: 24.5)),
         [("clinical.iop_php_compliance.php_min_hours_per_day", .aboveMaximum)]),
        ("zero PHP hours a day", thresholds(IOPPHPThresholdOverrides(phpMinHoursPerDay: 0)),
         [("clinical.iop_php_compliance.php_min_hours_per_day", .notPositive)]),
        ("lower-case state", JurisdictionProfile(stateCode: "az"), [("state_code", .malformedStateCode)]),
        ("three-letter state", JurisdictionProfile(stateCode: "ARZ"), [("state_code", .malformedStateCode)]),
        ("digit state", JurisdictionProfile(stateCode: "A1"), [("state_code", .malformedStateCode)]),
        ("blank display name", JurisdictionProfile(displayName: "  "), [("display_name", .blank)]),
        ("errors in field order", JurisdictionProfile(
            displayName: "",
            stateCode: "x",
            billing: BillingRulesConfig(minBillableMinutes: 0, timedCodeUnitMinutes: 0),
            iopPhpCompliance: IOPPHPThresholdOverrides(iopMinDaysPerWeek: 9, phpMinHoursPerDay: 30)
        ), [
            ("display_name", .blank),
            ("state_code", .malformedStateCode),
            ("billing.min_billable_minutes", .notPositive),
            ("billing.timed_code_unit_minutes", .notPositive),
            ("clinical.iop_php_compliance.iop_min_days_per_week", .aboveMaximum),
            ("clinical.iop_php_compliance.php_min_hours_per_day", .aboveMaximum),
        ]),
    ]

    @Test("each invalid value is named by its field path", arguments: cases)
    func invalid(row: (name: String, profile: JurisdictionProfile, errors: Expected)) {
        let errors = validate(row.profile)
        #expect(errors.map(\.field) == row.errors.map(\.field), "\(row.name)")
        #expect(errors.map(\.kind) == row.errors.map(\.kind), "\(row.name)")
        #expect(errors.allSatisfy { !$0.message.isEmpty })
    }

    static let validProfiles: [(name: String, profile: JurisdictionProfile)] = [
        ("empty profile", JurisdictionProfile()),
        ("Arizona", arizonaProfile),
        ("California", californiaProfile),
        ("minimum equal to unit", billing(15, 15)),
        ("zero financial clearance threshold", JurisdictionProfile(financialClearanceThreshold: 0)),
        ("unknown trigger is accepted for forward compatibility",
         conventions([("XZ", "Future", "telehealth_holographic")])),
        ("empty convention list", billing(8, 15, [])),
        ("boundary thresholds", thresholds(IOPPHPThresholdOverrides(
            iopMinHoursPerWeek: 168, iopMinDaysPerWeek: 7, iopMinHoursPerDay: 24,
            phpMinHoursPerWeek: 0.5, phpMinDaysPerWeek: 1, phpMinHoursPerDay: 0.25
        ))),
    ]

    @Test("valid profiles pass", arguments: validProfiles)
    func valid(row: (name: String, profile: JurisdictionProfile)) {
        #expect(validate(row.profile).isEmpty, "\(row.name)")
    }

    @Test("more than 64 conventions are rejected")
    func tooManyConventions() {
        let list = (0..<65).map { index in
            ModifierConvention(code: "A\(index % 10)", description: "d", trigger: "group")
        }
        let errors = validate(Self.billing(8, 15, list))
        #expect(errors.map(\.field) == ["billing.modifier_conventions"])
        #expect(errors.map(\.kind) == [.tooManyConventions])
    }

    @Test("the minimum-above-unit message names both values")
    func minimumAboveUnitMessage() throws {
        let error = try #require(validate(Self.billing(20, 15)).first)
        #expect(error.message.contains("20"))
        #expect(error.message.contains("15"))
    }
}
