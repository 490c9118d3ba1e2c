import Foundation
import Platform
import PracticeManagement

/// Parses the billing-rules page's payer group-rules and module-settings forms into the core's
/// values, naming the form field of each problem (the core then applies its own checks).
enum BillingSettingsForms {
    /// Bands as the form writes them, one per line: `MIN-MAX RATE`, the rate per unit in dollars
    /// (`2-5 13.25`). An en dash works as well as a hyphen.
    static func bands(_ text: String) throws -> [GroupSizeBand] {
        var bands: [GroupSizeBand] = []
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let parts = line.replacingOccurrences(of: "–", with: "-").split(whereSeparator: { $0 == " " || $0 == "\t" })
            let range = parts.first.map { $0.split(separator: "-", omittingEmptySubsequences: false) } ?? []
            guard parts.count == 2, range.count == 2, let low = Int(range[0]), let high = Int(range[1]),
                  let cents = cents(String(parts[1])) else {
                throw DomainError.invalid("bands", "Line \(index + 1): write MIN-MAX RATE, e.g. 2-5 13.25 (the rate per unit in dollars).")
            }
            bands.append(GroupSizeBand(minParticipants: low, maxParticipants: high, unitRateCents: cents))
        }
        return bands
    }

    /// The bands as the edit form shows them.
    static func bandsText(_ bands: [GroupSizeBand]) -> String {
        bands.map { "\($0.minParticipants)-\($0.maxParticipants) \(dollars($0.unitRateCents))" }.joined(separator: "\n")
    }

    /// The supervision limit field: empty means no rule.
    static func supervisorLimit(_ text: String) throws -> Int? {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        guard let limit = Int(value) else { throw DomainError.invalid("max_participants_per_supervisor", "Enter a whole number, or leave it empty for no limit.") }
        return limit
    }

    /// The module-settings form posts every key: an unticked box is false, an empty threshold unsets it.
    static func moduleSettings(_ fields: [String: String]) throws -> ModuleSettingsChange {
        let threshold = (fields["financial_clearance_threshold"] ?? "").trimmingCharacters(in: .whitespaces)
        var amount: Int?
        if !threshold.isEmpty {
            guard let cents = cents(threshold) else {
                throw DomainError.invalid("financial_clearance_threshold", "Enter an amount in dollars, e.g. 1000 or 750.50, or leave it empty for the $1,000 default.")
            }
            amount = cents
        }
        return ModuleSettingsChange(autoApplyU7: fields["auto_apply_u7"] != nil, autoApplyUB: fields["auto_apply_ub"] != nil,
                                    financialClearanceThreshold: .some(amount))
    }

    /// Dollars with at most two decimals (`13`, `13.5`, `13.25`) into cents; nil when not such an amount.
    static func cents(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
            .split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), let whole = Int(parts[0]), whole >= 0,
              whole <= 100_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? value * 10 : value)
    }

    static func dollars(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }
}
