import Clinical
import Finance
import Foundation
import PageMarkup
import Platform

/// The finance page's contract form. What was typed is turned into the API's contract body, so
/// the page and `POST /api/v1/vbp/contracts` refuse the same things; a refusal names the form
/// field it is about. Amounts are dollars, rates and shares percents, as people write them.
struct VBPContractForm {
    var fields: [String: String]

    /// The form's field for a field the API or the Finance core names.
    static func formField(_ apiField: String?) -> String? {
        guard let apiField else { return nil }
        if apiField.hasPrefix("tiers") || apiField == "target_rate_percent" { return "targets" }
        switch apiField {
        case "incentive.kind": return "incentive_kind"
        case "incentive.amount_cents": return "incentive_amount"
        case "incentive.pool_cents": return "pool_amount"
        case "incentive.pool_percent": return "pool_percent"
        case "withhold_cents": return "withhold"
        case "base_revenue_cents": return "base_revenue"
        default: return apiField
        }
    }

    /// A stored contract's values as the form shows them.
    static func values(_ contract: VBPContract) -> [String: String] {
        let terms = contract.terms
        var fields = [
            "name": contract.name, "payer_id": contract.payerID.uuidString.lowercased(), "measure_id": terms.measureID,
            "performance_period_start": terms.performancePeriodStart.description, "performance_period_end": terms.performancePeriodEnd.description,
            "targets": terms.tiers.map { tier in
                tier.earnedBasisPoints == BasisPoints.whole && terms.tiers.count == 1
                    ? percent(tier.minimumRateBasisPoints) : "\(percent(tier.minimumRateBasisPoints)) \(percent(tier.earnedBasisPoints))"
            }.joined(separator: "\n"),
            "incentive_kind": terms.incentive.kind, "withhold": BillingSettingsForms.dollars(terms.withholdCents),
            "base_revenue": BillingSettingsForms.dollars(terms.baseRevenueCents), "version": String(contract.version),
        ]
        switch terms.incentive {
        case .fixedAmount(let cents): fields["incentive_amount"] = BillingSettingsForms.dollars(cents)
        case .percentOfPool(let pool, let basisPoints):
            fields["pool_amount"] = BillingSettingsForms.dollars(pool)
            fields["pool_percent"] = percent(basisPoints)
        }
        return fields
    }

    static func percent(_ basisPoints: Int) -> String { ComplianceCSV.number(Double(basisPoints) / 100) }

    /// The contract body the API would have received; a shape the form cannot express is refused here.
    func body() throws -> VBPContractBody {
        func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func dollars(_ name: String, required: Bool) throws -> Int? {
            let value = text(name)
            if value.isEmpty {
                guard !required else { throw DomainError.invalid(name, "Enter an amount in dollars, e.g. 25000 or 1250.50.", code: "MISSING_FIELD") }
                return nil
            }
            guard let cents = BillingSettingsForms.cents(value) else {
                throw DomainError.invalid(name, "Enter an amount in dollars that is not negative, e.g. 25000 or 1250.50.")
            }
            return cents
        }
        func date(_ name: String) throws -> ServiceDate {
            guard let date = ServiceDate(text(name)) else { throw DomainError.invalid(name, "Enter a date (YYYY-MM-DD).") }
            return date
        }
        guard let payer = UUID(uuidString: text("payer_id")) else { throw DomainError.invalid("payer_id", "Choose the payer.") }
        let (target, tiers) = try Self.targets(text("targets"))
        let kind = text("incentive_kind")
        let incentive: VBPContractBody.Incentive
        switch kind {
        case "fixed_amount":
            incentive = .init(kind: kind, amountCents: try dollars("incentive_amount", required: true), poolCents: nil, poolPercent: nil)
        case "percent_of_pool":
            guard let share = Double(text("pool_percent").replacingOccurrences(of: "%", with: "")) else {
                throw DomainError.invalid("pool_percent", "Enter the share of the pool as a percent, e.g. 2.5.")
            }
            incentive = .init(kind: kind, amountCents: nil, poolCents: try dollars("pool_amount", required: true), poolPercent: share)
        default:
            throw DomainError.invalid("incentive_kind", "Choose a fixed amount or a percent of a pool.")
        }
        return VBPContractBody(payerId: payer, name: text("name"), measureId: text("measure_id"),
                               performancePeriodStart: try date("performance_period_start"), performancePeriodEnd: try date("performance_period_end"),
                               targetRatePercent: target, tiers: tiers, incentive: incentive,
                               withholdCents: try dollars("withhold", required: false) ?? 0, baseRevenueCents: try dollars("base_revenue", required: false),
                               version: Int(text("version")))
    }

    /// The targets field: one line with a rate alone is a single target earning the whole
    /// incentive (`75`); otherwise one tier per line, its rate then the share it earns (`60 50`).
    static func targets(_ text: String) throws -> (target: Double?, tiers: [VBPContractBody.Tier]?) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let numbers = try lines.enumerated().map { index, line in
            let words = line.replacingOccurrences(of: "%", with: " ").replacingOccurrences(of: "→", with: " ").replacingOccurrences(of: "->", with: " ")
                .split(whereSeparator: { $0 == " " || $0 == "\t" })
            let values = words.compactMap { Double($0) }
            guard values.count == words.count, (1...2).contains(values.count) else {
                throw DomainError.invalid("targets", "Line \(index + 1): write the rate and the share it earns, e.g. 60 50, or one target rate alone, e.g. 75.")
            }
            return values
        }
        guard !numbers.isEmpty else { throw DomainError.invalid("targets", "Give a target rate, or one tier per line.", code: "MISSING_FIELD") }
        if numbers.count == 1, numbers[0].count == 1 { return (numbers[0][0], nil) }
        guard numbers.allSatisfy({ $0.count == 2 }) else {
            throw DomainError.invalid("targets", "With more than one line, every line gives a rate and the share it earns, e.g. 60 50.")
        }
        return (nil, numbers.map { VBPContractBody.Tier(minimumRatePercent: $0[0], earnedPercent: $0[1]) })
    }
}
