import Clinical
import Foundation
import PageMarkup
import Platform

/// The page with one contract form (new or edit), in the finance section's frame. A refused save
/// shows it again with what was typed, the reason in the banner and beside the field it names.
enum VBPContractPage {
    struct Model {
        /// Nil for a new contract.
        let contractID: UUID?
        let fields: [String: String]
        let payers: [(id: UUID, name: String)]
        var refusal: DomainError? = nil
    }

    static func render(home: HomeQuery, principal: Principal, model: Model) -> String {
        let title = model.contractID == nil ? "New VBP contract" : "Edit VBP contract"
        let action = model.contractID.map { "/finance/vbp/contracts/\($0.uuidString.lowercased())" } ?? "/finance/vbp/contracts"
        let invalid = VBPContractForm.formField(model.refusal?.field)
        let fields = model.fields
        func message(_ name: String) -> Node<HTML.FormContext> {
            guard invalid == name, let refusal = model.refusal else { return .empty }
            return .p(.class("error"), .id("\(name)-error"), .text(refusal.message))
        }
        func described(_ name: String) -> Node<HTML.InputContext> {
            invalid == name ? .group(.attribute(named: "aria-invalid", value: "true"), .attribute(named: "aria-describedby", value: "\(name)-error")) : .empty
        }
        func input(_ name: String, _ label: String, type: HTMLInputType = .text, hint: String? = nil) -> Node<HTML.FormContext> {
            .group(.label(.for(name), .text(label)),
                   .input(.type(type), .id(name), .name(name), .value(fields[name] ?? ""), described(name)),
                   .unwrap(hint) { .small(.text($0)) }, message(name))
        }
        let kind = fields["incentive_kind"] ?? "fixed_amount"
        return Layout.page(title: title, home: home, principal: principal, section: .valueBasedPurchasing,
                           outcome: model.refusal.map { .refusal("The contract was not saved", "\(invalid.map { "\($0): " } ?? "")\($0.message)", code: $0.code) },
                           content: .div(.class("card"),
            .h1(.text(title)),
            .p(.a(.href("/finance/vbp"), .text("Back to value-based purchasing"))),
            PageForm.post(action, class: "vbp-contract", id: "vbp-contract",
                .unwrap(fields["version"]) { .input(.type(.hidden), .name("version"), .value($0)) },
                input("name", "Contract name"),
                .label(.for("payer_id"), "Payer"),
                .select(.id("payer_id"), .attribute(named: "name", value: "payer_id"),
                        GroupSessionPages.option("", "Choose a payer", selected: (fields["payer_id"] ?? "").isEmpty),
                        .forEach(model.payers) { GroupSessionPages.option($0.id.uuidString.lowercased(), $0.name,
                                                                          selected: fields["payer_id"] == $0.id.uuidString.lowercased()) }),
                message("payer_id"),
                .label(.for("measure_id"), "Measure"),
                .input(.type(.text), .id("measure_id"), .name("measure_id"), .value(fields["measure_id"] ?? ""), .attribute(named: "list", value: "measures"),
                       described("measure_id")),
                .element(named: "datalist", nodes: [.id("measures")] + QualityIndicator.allCases.map { indicator in
                    .element(named: "option", nodes: [.attribute(named: "value", value: indicator.rawValue), .text(indicator.title)])
                }),
                .small(.text("The measure id the quality results carry, e.g. HEDIS_FUH_30.")), message("measure_id"),
                input("performance_period_start", "Performance period from", type: .date),
                input("performance_period_end", "to", type: .date),
                .label(.for("targets"), "Targets"),
                .textarea(.id("targets"), .name("targets"), .attribute(named: "rows", value: "3"),
                          invalid == "targets" ? .attribute(named: "aria-invalid", value: "true") : .empty, .text(fields["targets"] ?? "")),
                .small(.text("One target rate alone earns the whole incentive (75). Tiers: one per line, the rate in percent then the share of the incentive it earns (60 50, then 75 100).")),
                message("targets"),
                .label(.for("incentive_kind"), "Incentive"),
                .select(.id("incentive_kind"), .attribute(named: "name", value: "incentive_kind"),
                        GroupSessionPages.option("fixed_amount", "A fixed amount", selected: kind == "fixed_amount"),
                        GroupSessionPages.option("percent_of_pool", "A percent of a pool", selected: kind == "percent_of_pool")),
                message("incentive_kind"),
                input("incentive_amount", "Fixed incentive ($)", hint: "For a fixed amount."),
                input("pool_amount", "Pool ($)", hint: "For a percent of a pool."),
                input("pool_percent", "Share of the pool (%)", hint: "For a percent of a pool."),
                input("withhold", "Amount at risk, withheld ($)", hint: "Paid back when the lowest tier is reached; 0 for none."),
                input("base_revenue", "Contracted base revenue ($)", hint: "For the quality-adjusted revenue; may stay empty."),
                .button(.class("primary"), .type(.submit), .text(model.contractID == nil ? "Create contract" : "Save contract")))
        )).render()
    }
}
