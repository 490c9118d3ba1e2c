import Foundation
import Platform

/// The organization's (or a site's) effective billing rules as the API and the page show them:
/// every value, where it came from, and which values are AHCCCS fallbacks.
struct EffectiveBillingRulesView: Codable, Sendable {
    struct Billing: Codable, Sendable {
        let minBillableMinutes: Int
        let timedCodeUnitMinutes: Int
        let usesLegacyModifiers: Bool
        let modifierConventions: [ModifierConvention]
    }

    let source: String
    let programLabel: String
    let stateCode: String?
    let billing: Billing
    let iopPhpCompliance: IOPPHPThresholds
    let fallbackFields: [String]
    /// The profile's financial clearance threshold in cents; absent when the profile sets none.
    let financialClearanceThreshold: Int?

    init(_ resolved: ResolvedJurisdiction) {
        source = resolved.source.recordValue
        programLabel = resolved.displayName
        stateCode = resolved.stateCode
        billing = Billing(minBillableMinutes: resolved.billing.minBillableMinutes, timedCodeUnitMinutes: resolved.billing.timedCodeUnitMinutes,
                          usesLegacyModifiers: resolved.billing.usesLegacyModifiers,
                          modifierConventions: resolved.billing.effectiveModifierConventions)
        iopPhpCompliance = resolved.iopPhp
        fallbackFields = resolved.fallbacks.map(\.rawValue).sorted()
        financialClearanceThreshold = resolved.financialClearanceThreshold
    }

    static let schema: Schema = .object([
        ("source", .string()), ("program_label", .string()), ("state_code", .nullable(.string())),
        ("financial_clearance_threshold", .integer),
        ("billing", .object([("min_billable_minutes", .integer), ("timed_code_unit_minutes", .integer), ("uses_legacy_modifiers", .boolean),
                             ("modifier_conventions", .array(.ref("ModifierConvention")))],
                            required: ["min_billable_minutes", "timed_code_unit_minutes", "uses_legacy_modifiers", "modifier_conventions"])),
        ("iop_php_compliance", .ref("IOPPHPThresholds")), ("fallback_fields", .array(.string())),
    ], required: ["source", "program_label", "billing", "iop_php_compliance", "fallback_fields"])
}
