import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The billing-rules page's payer group rules (read for everyone signed in, edited by those who
/// manage billing rules) and the organization's module settings.
enum BillingSettingsSections {
    struct Payer: Sendable {
        let id: UUID
        let name: String
        let states: [PayerStateGroupRules]
    }

    /// What the sections show, with a refused form's typed values and message.
    struct Model: Sendable {
        var payers: [Payer]
        var settings: ModuleSettings
        var refusal: Refusal?
    }

    /// A refused form: which one (a payer's state, or the module settings), what was typed, and why.
    struct Refusal: Sendable {
        var payerID: UUID?
        var fields: [String: String]
        var field: String?
        var message: String
    }

    static func load(in tx: TenantTransaction) async throws -> Model {
        var payers: [Payer] = []
        for payer in try await Payers.list(in: tx) {
            payers.append(Payer(id: payer.id, name: payer.name, states: try await Payers.groupRulesByState(payerID: payer.id, in: tx)))
        }
        return Model(payers: payers, settings: try await ModuleSettings.load(in: tx), refusal: nil)
    }

    static func render(_ model: Model, canEdit: Bool) -> Node<HTML.BodyContext> {
        .group(groupRules(model, canEdit: canEdit), moduleSettings(model, canEdit: canEdit))
    }

    static func groupRules(_ model: Model, canEdit: Bool) -> Node<HTML.BodyContext> {
        .div(.class("card"), .attribute(named: "id", value: "payer-group-rules"),
            .h2("Payer group rules"),
            .p(.text("Per payer and state: how many billable participants one present supervisor may cover, and the group-size bands with their rate per unit. "
                     + "A count between bands is coded to the next band down; fewer than the smallest band is not billable as a group.")),
            .if(model.payers.isEmpty, .p(.text("No payers yet."))),
            .forEach(model.payers) { payer in
                .div(.class("payer"), .attribute(named: "data-payer", value: payer.id.uuidString.lowercased()),
                    .h3(.text(payer.name)),
                    .if(payer.states.isEmpty, .p(.text("No group rules in any state."))),
                    .if(!payer.states.isEmpty, .table(
                        .thead(.tr(.th("State"), .th("Per supervisor"), .th("Bands (rate per unit)"))),
                        .tbody(.forEach(payer.states) { state in
                            .tr(.attribute(named: "data-state", value: state.stateCode),
                                .td(.text(state.stateCode)),
                                .td(.text(state.rules.supervision.map { "\($0.maxParticipantsPerSupervisor)" } ?? "no limit")),
                                .td(.text(state.rules.bands.isEmpty ? "none"
                                          : state.rules.bands.map { "\($0.minParticipants)–\($0.maxParticipants): \(GroupSessionPages.money($0.unitRateCents))" }
                                            .joined(separator: " · "))))
                        }))),
                    .if(canEdit, .group(
                        .forEach(payer.states) { state in
                            groupRulesForm(payer: payer, state: state.stateCode,
                                           limit: state.rules.supervision.map { "\($0.maxParticipantsPerSupervisor)" } ?? "",
                                           bands: BillingSettingsForms.bandsText(state.rules.bands), refusal: model.refusal)
                        },
                        groupRulesForm(payer: payer, state: nil, limit: "", bands: "", refusal: model.refusal)
                    ))
                )
            }
        )
    }

    /// One state's edit form, or (state nil) the form adding a state. A refused save reopens the
    /// form it came from with the typed values.
    static func groupRulesForm(payer: Payer, state: String?, limit: String, bands: String, refusal: Refusal?) -> Node<HTML.BodyContext> {
        let refused = refusal.flatMap { $0.payerID == payer.id && ($0.fields["original_state"] ?? "") == (state ?? "") ? $0 : nil }
        let fields = refused?.fields
        let key = "\(payer.id.uuidString.lowercased())-\(state ?? "new")"
        return .element(named: "details", nodes: [.class("group-rules-edit"), refused != nil ? .attribute(named: "open", value: "open") : .empty,
            .element(named: "summary", nodes: [.text(state.map { "Edit \($0)" } ?? "Add a state")]),
            .form(.class("group-rules"), .action("/billing-rules/payers/\(payer.id.uuidString.lowercased())/group-rules"), .method(.post),
                .input(.type(.hidden), .name("original_state"), .value(state ?? "")),
                .unwrap(refused) { .p(.class("error"), .text("Not saved: \($0.message)")) },
                .label(.for("state-\(key)"), "State"),
                .input(.id("state-\(key)"), .name("state"), .value(fields?["state"] ?? state ?? ""), .attribute(named: "maxlength", value: "2")),
                .small(.text("Two capital letters, e.g. AZ.")),
                .label(.for("limit-\(key)"), "Billable participants per present supervisor"),
                .input(.id("limit-\(key)"), .name("max_participants_per_supervisor"), .value(fields?["max_participants_per_supervisor"] ?? limit),
                       .attribute(named: "inputmode", value: "numeric")),
                .small(.text("Empty: no supervision limit.")),
                .label(.for("bands-\(key)"), "Bands"),
                .textarea(.id("bands-\(key)"), .name("bands"), .attribute(named: "rows", value: "4"), .text(fields?["bands"] ?? bands)),
                .small(.text("One per line: MIN-MAX RATE, the rate per unit in dollars, e.g. 2-5 13.25.")),
                .button(.class("primary"), .type(.submit), .text(state == nil ? "Add state rules" : "Save \(state ?? "") rules")))
        ])
    }

    static func moduleSettings(_ model: Model, canEdit: Bool) -> Node<HTML.BodyContext> {
        let settings = model.settings
        let refused = model.refusal.flatMap { $0.payerID == nil ? $0 : nil }
        func checkbox(_ name: String, _ label: String, _ on: Bool) -> Node<HTML.FormContext> {
            .label(.class("check"), .input(.type(.checkbox), .id(name), .name(name), .value("true"),
                                           .attribute(named: "checked", value: on ? "checked" : nil)), .text(" \(label)"))
        }
        let threshold = settings.financialClearanceThreshold.map(BillingSettingsForms.dollars)
        return .div(.class("card"), .attribute(named: "id", value: "module-settings"),
            .h2("Module settings"),
            .table(.tbody(
                .tr(.th("Apply U7 to every charge"), .td(.text(settings.autoApplyU7 ? "on" : "off"))),
                .tr(.th("Apply UB to every charge"), .td(.text(settings.autoApplyUB ? "on" : "off"))),
                .tr(.th("Financial clearance threshold"),
                    .td(.text(threshold.map { "$\($0)" } ?? "not set ($1,000.00 default, unless the jurisdiction profile sets one)")))
            )),
            .if(canEdit, .form(.class("module-settings"), .action("/billing-rules/module-settings"), .method(.post),
                .unwrap(refused) { .p(.class("error"), .text("Not saved: \($0.message)")) },
                checkbox("auto_apply_u7", "Apply U7 to every charge", refused.map { $0.fields["auto_apply_u7"] != nil } ?? settings.autoApplyU7),
                checkbox("auto_apply_ub", "Apply UB to every charge", refused.map { $0.fields["auto_apply_ub"] != nil } ?? settings.autoApplyUB),
                .label(.for("financial_clearance_threshold"), "Financial clearance threshold (dollars)"),
                .input(.id("financial_clearance_threshold"), .name("financial_clearance_threshold"),
                       .value(refused?.fields["financial_clearance_threshold"] ?? threshold ?? ""), .attribute(named: "inputmode", value: "decimal")),
                .small(.text("A cost estimate above it opens a financial-counseling referral. Empty: $1,000.")),
                .button(.class("primary"), .type(.submit), .text("Save module settings"))))
        )
    }
}
