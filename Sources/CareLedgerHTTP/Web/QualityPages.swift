import Clinical
import Foundation
import PageMarkup
import Platform

/// The quality page (CL-15 / CL-35): each indicator's rate per finalized period, today's care
/// gaps, the value sets in effect (saying when they are the product's public defaults), and a
/// form to finalize a period.
enum QualityPages {
    static func page(home: HomeQuery, principal: Principal, results: [QualityResultView], gaps: [CareGapView], valueSets: [ValueSetView], canManage: Bool,
                     error: String? = nil) -> String {
        let periods = Dictionary(grouping: results) { "\($0.periodStart)..\($0.periodEnd)" }
            .sorted { $0.key > $1.key }
        return Layout.page(title: "Quality measures", home: home, principal: principal, section: .qualityMeasures, content: .div(
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .h1("Care gaps today"),
                .p(.text("Patients discharged (FUH) or seen in the ED (FUM) for mental illness or self-harm with no follow-up visit yet; act before the 7-day date. "
                         + "Patients new on an antidepressant (AMM) whose supply runs out within 14 days, short of the 84 days the acute phase needs; reach out before it lapses.")),
                .if(gaps.isEmpty, .p(.text("No follow-up window is open and no antidepressant supply lapses soon."))),
                .table(.class("care-gaps"),
                    .thead(.tr(.th("Patient"), .th("Measure"), .th("Event date"), .th("7-day due"), .th("30-day due"), .th("Supply lapses"), .th("Days left"))),
                    .tbody(.forEach(gaps) { gap in
                        .tr(.td(.text(gap.patientName)), .td(.text(gap.measure)), .td(.text(gap.eventDate)), .td(.text(gap.sevenDayDueDate ?? "—")),
                            .td(.text(gap.thirtyDayDueDate ?? "—")), .td(.text(gap.supplyLapsesOn ?? "—")), .td(.text("\(gap.daysLeft)")))
                    }))
            ),
            .div(.class("card"),
                .h2("Rates per period"),
                .if(periods.isEmpty, .p(.text("No period has been finalized yet."))),
                .forEach(periods) { period, rows in
                    .div(
                        .h3(.text(period.replacingOccurrences(of: "..", with: " to "))),
                        .table(.class("quality-results"),
                            .thead(.tr(.th("Indicator"), .th("Numerator"), .th("Denominator"), .th("Rate"), .th("Version"), .th("FHIR"))),
                            .tbody(.forEach(rows.sorted { $0.measureId < $1.measureId }) { row in
                                .tr(.td(.text(row.title), .small(.text(row.measureId))), .td(.text("\(row.numeratorCount)")),
                                    .td(.text("\(row.denominatorCount)")), .td(.text(rate(row.rate))), .td(.text("\(row.calculationVersion)")),
                                    .td(.a(.href("/api/v1/clinical/quality/results/\(row.id.uuidString.lowercased())/measure-report"), .text("MeasureReport"))))
                            }))
                    )
                }
            ),
            .if(canManage, .div(.class("card"),
                .h2("Finalize a period"),
                .p(.text("Computes every indicator from imported encounters, procedures and dispensings and the practice's attended group sessions, stores it and publishes it to Finance. Finalizing a period again publishes a newer version.")),
                .form(.action("/quality/periods"), .method(.post),
                    .div(.label(.for("period_start"), "From"), .input(.type(.date), .id("period_start"), .name("period_start"))),
                    .div(.label(.for("period_end"), "To"), .input(.type(.date), .id("period_end"), .name("period_end"))),
                    .button(.type(.submit), .text("Finalize")))
            )),
            .div(.class("card"),
                .h2("Value sets"),
                .p(.text("Defaults are the product's own lists built from public ICD-10-CM ranges and a handful of public RxNorm and HCPCS codes, not NCQA's licensed HEDIS value sets; "
                         + "an organization that holds the licensed lists (antidepressants and SUD medications as the NDC or RxNorm codes its pharmacies dispense) loads them and they replace the defaults.")),
                .table(
                    .thead(.tr(.th("Value set"), .th("Used for"), .th("Code systems"), .th("Source"), .th("Codes"))),
                    .tbody(.forEach(valueSets) { set in
                        .tr(.td(.code(.text(set.name))), .td(.text(set.purpose)), .td(.text(set.codeSystem)),
                            .td(.text(set.source == "default" ? "Default (public codes)" : "Loaded by the organization")),
                            .td(.text("\(set.codeCount)")))
                    })),
                .if(canManage, .form(.action("/quality/value-sets"), .method(.post),
                    .div(.label(.for("csv"), "Load value sets (CSV: value_set,code_system,code; each value set named replaces its list)"),
                         .textarea(.id("csv"), .name("csv"), .attribute(named: "rows", value: "6"), .text(""))),
                    .button(.type(.submit), .text("Load"))))
            )
        )).render()
    }

    static func rate(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        return String(format: "%.1f%%", rate * 100)
    }
}
