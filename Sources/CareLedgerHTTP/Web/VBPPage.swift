import Finance
import Foundation
import PageMarkup
import Platform

/// What the finance page shows for a period: the contracts, the quality results received and
/// each contract's figures.
struct VBPPageModel: Sendable {
    let periodStart: ServiceDate
    let periodEnd: ServiceDate
    let contracts: [VBPContractView]
    let payerNames: [UUID: String]
    let results: [ReceivedQualityResult]
    let outcomes: [VBPOutcomeView]
}

/// The finance page for `finance.vbp.read` holders (FA): contracts, results per period, incentive
/// and at-risk figures, and the figures as CSV.
enum VBPPage {
    static func render(home: HomeQuery, principal: Principal, model: VBPPageModel?, periodStart: String, periodEnd: String, error: String? = nil,
                       outcome: Outcome? = nil) -> String {
        let canManage = principal.permissions.contains(.vbpManage)
        return Layout.page(title: "Value-based purchasing", home: home, principal: principal, section: .valueBasedPurchasing, outcome: outcome, content: .div(
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .h1("Value-based purchasing"),
                .form(.class("filters"), .action("/finance/vbp"), .method(.get),
                    .div(.label(.for("period_start"), "Results from"),
                         .input(.type(.date), .id("period_start"), .name("period_start"), .value(periodStart))),
                    .div(.label(.for("period_end"), "to"), .input(.type(.date), .id("period_end"), .name("period_end"), .value(periodEnd))),
                    .button(.type(.submit), .text("Show"))
                )
            ),
            .unwrap(model) { model in
                .group(contracts(model, canManage: canManage), results(model), outcomes(model))
            }
        )).render()
    }

    static func contracts(_ model: VBPPageModel, canManage: Bool) -> Node<HTML.BodyContext> {
        .div(.class("card"), .id("contracts"),
            .h2("Contracts"),
            .if(model.contracts.isEmpty, .p(.text("No VBP contract is recorded yet."))),
            .if(canManage, .p(.a(.class("button"), .href("/finance/vbp/contracts/new"), .text("New contract")))),
            .if(!model.contracts.isEmpty, .table(.class("vbp-contracts"),
                .thead(.tr(.th("Contract"), .th("Payer"), .th("Measure"), .th("Performance period"), .th("Targets"),
                           .th("Full incentive"), .th("At risk"), .th("Base revenue"), .if(canManage, .th(.text(""))))),
                .tbody(.forEach(model.contracts) { contract in
                    .tr(
                        .td(.text(contract.name)),
                        .td(.text(model.payerNames[contract.payerId] ?? contract.payerId.uuidString.lowercased())),
                        .td(.code(.text(contract.measureId))),
                        .td(.text("\(contract.performancePeriodStart) – \(contract.performancePeriodEnd)")),
                        .td(.text(contract.tiers.map { "≥ \(ComplianceCSV.number($0.minimumRatePercent)) % → \(ComplianceCSV.number($0.earnedPercent)) %" }
                                  .joined(separator: "; "))),
                        .td(.text(money(contract.incentive.fullAmountCents)),
                            .unwrap(contract.incentive.poolPercent) { percent in
                                .small(.text(" (\(ComplianceCSV.number(percent)) % of \(money(contract.incentive.poolCents ?? 0)))"))
                            }),
                        .td(.text(money(contract.withholdCents))),
                        .td(.text(money(contract.baseRevenueCents))),
                        .if(canManage, .td(.a(.href("/finance/vbp/contracts/\(contract.id.uuidString.lowercased())/edit"), .text("Edit"))))
                    )
                })
            ))
        )
    }

    static func results(_ model: VBPPageModel) -> Node<HTML.BodyContext> {
        .div(.class("card"),
            .h2("Quality results received"),
            .p(.text("Periods from \(model.periodStart) to \(model.periodEnd); the newest calculation of each measure and period.")),
            .if(model.results.isEmpty, .p(.text("No quality result for this period has reached Finance yet."))),
            .if(!model.results.isEmpty, .table(.class("vbp-results"),
                .thead(.tr(.th("Measure"), .th("Period"), .th("Numerator"), .th("Denominator"), .th("Rate"), .th("Calculation"))),
                .tbody(.forEach(model.results) { result in
                    .tr(
                        .td(.code(.text(result.measureID))),
                        .td(.text("\(result.periodStart) – \(result.periodEnd)")),
                        .td(.text("\(result.numeratorCount)")),
                        .td(.text("\(result.denominatorCount)")),
                        .td(.text(result.denominatorCount == 0 ? "—"
                                  : "\(ComplianceCSV.number(Double((result.numeratorCount * 10_000 + result.denominatorCount / 2) / result.denominatorCount) / 100)) %")),
                        .td(.text("v\(result.calculationVersion)"))
                    )
                })
            ))
        )
    }

    static func outcomes(_ model: VBPPageModel) -> Node<HTML.BodyContext> {
        let settled = model.outcomes.filter(\.coversWholePeriod)
        return .div(.class("card"),
            .h2("Incentive and at-risk figures"),
            .p(.text("A result covering a contract's whole performance period settles it; a shorter period inside it is an interim figure. "),
               .a(.href("/api/v1/vbp/outcomes?format=csv&period_start=\(model.periodStart)&period_end=\(model.periodEnd)"),
                  .text("Download as CSV"))),
            .if(model.outcomes.isEmpty, .p(.text("No result in this period falls under a contract."))),
            .if(!model.outcomes.isEmpty, .table(.class("vbp-outcomes"),
                .thead(.tr(.th("Contract"), .th("Measure"), .th("Period"), .th("Rate"), .th("Tier"), .th("Incentive earned"),
                           .th("At risk retained"), .th("At risk lost"), .th("Quality-adjusted revenue"))),
                .tbody(.forEach(model.outcomes) { row in
                    .tr(
                        .td(.text(row.contractName), .small(.text(row.coversWholePeriod ? " settlement" : " interim"))),
                        .td(.code(.text(row.measureId))),
                        .td(.text("\(row.periodStart) – \(row.periodEnd)")),
                        .td(.text(row.ratePercent.map { "\(ComplianceCSV.number($0)) %" } ?? "—")),
                        .td(.text(row.tierReached.map { "Tier \($0)" } ?? "Target missed")),
                        .td(.class("incentive-earned"), .text(money(row.incentiveEarnedCents))),
                        .td(.text(money(row.atRiskRetainedCents))),
                        .td(.text(money(row.atRiskLostCents))),
                        .td(.text(money(row.qualityAdjustedRevenueCents)))
                    )
                }),
                .if(!settled.isEmpty, .tfoot(.tr(
                    .th(.attribute(named: "colspan", value: "5"), .text("Settled contracts")),
                    .td(.text(money(settled.map(\.incentiveEarnedCents).reduce(0, +)))),
                    .td(.text(money(settled.map(\.atRiskRetainedCents).reduce(0, +)))),
                    .td(.text(money(settled.map(\.atRiskLostCents).reduce(0, +)))),
                    .td(.text(money(settled.map(\.qualityAdjustedRevenueCents).reduce(0, +))))
                )))
            ))
        )
    }

    /// `123456` → `$1,234.56`.
    static func money(_ cents: Int) -> String {
        let dollars = VBPOutcomeCSV.dollars(cents)
        let negative = dollars.hasPrefix("-")
        let parts = dollars.drop { $0 == "-" }.split(separator: ".")
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return "\(negative ? "-" : "")$\(whole)\(grouped).\(parts[1])"
    }
}
