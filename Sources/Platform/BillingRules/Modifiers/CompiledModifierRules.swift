/// Modifier rules compiled once per resolved profile, so that selecting for an encounter is a few
/// bit operations with no allocation.
///
/// Output order (documented, stable): codes are ordered by ``ModifierTrigger`` case order, then by
/// their position in the profile's list within one trigger. A code listed more than once keeps the
/// place of its first occurrence in that order and appears once. Because a code has one place in
/// the compiled table, a code shared by two triggers keeps that place even when only the later
/// trigger holds.
public struct CompiledModifierRules: Sendable, Hashable {
    /// Where the compiled rules came from.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// The legacy AHCCCS table (no conventions, or an empty list).
        case legacy
        /// The profile's conventions, which fully replace the legacy table.
        case conventions
    }

    /// Upper bound on distinct codes; one bit each in a `UInt64` selection mask. Validation
    /// rejects longer convention lists, so only an unvalidated profile can reach it.
    public static let maximumCodes = 64

    /// Whether the legacy table or the profile's conventions are in force.
    public let mode: Mode
    /// Every code that can be selected, in output order.
    public let codes: [String]
    /// For each trigger (by ``ModifierTrigger/orderIndex``), the codes it adds, as a mask over `codes`.
    private let masksByTrigger: [UInt64]

    /// Compiles conventions; `nil` or an empty list selects the legacy table (PF-96 fallback).
    ///
    /// Conventions with an unknown trigger are ignored (forward compatibility). Conventions whose
    /// code is not a well-formed two-character modifier are skipped too, so a stored profile that
    /// bypassed validation cannot put a malformed code on a claim.
    public init(conventions: [ModifierConvention]?) {
        let source: [ModifierConvention]
        if let conventions, !conventions.isEmpty {
            mode = .conventions
            source = conventions
        } else {
            mode = .legacy
            source = LegacyModifierTable.rows
        }
        var codes: [String] = []
        var indexByCode: [String: Int] = [:]
        var masks = [UInt64](repeating: 0, count: ModifierTrigger.allCases.count)
        for trigger in ModifierTrigger.allCases {
            for convention in source
            where convention.trigger == trigger.rawValue && ModifierCodeFormat.isWellFormed(convention.code) {
                let index: Int
                if let existing = indexByCode[convention.code] {
                    index = existing
                } else {
                    guard codes.count < Self.maximumCodes else { continue }
                    index = codes.count
                    codes.append(convention.code)
                    indexByCode[convention.code] = index
                }
                masks[trigger.orderIndex] |= 1 << UInt64(index)
            }
        }
        self.codes = codes
        self.masksByTrigger = masks
    }

    /// Compiles the modifier rules of a resolved jurisdiction.
    public init(_ rules: EffectiveBillingRules) {
        self.init(conventions: rules.modifierConventions)
    }

    /// Selects the modifiers for a set of active triggers. No allocation.
    public func select(_ triggers: ModifierTriggerSet) -> ModifierSelection {
        var mask: UInt64 = 0
        var bits = triggers.rawValue
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            if index < masksByTrigger.count { mask |= masksByTrigger[index] }
            bits &= bits - 1
        }
        return ModifierSelection(mask: mask, table: codes)
    }

    /// Selects the modifiers for an encounter's facts. No allocation.
    public func select(for facts: EncounterFacts) -> ModifierSelection {
        select(facts.activeTriggers)
    }
}
