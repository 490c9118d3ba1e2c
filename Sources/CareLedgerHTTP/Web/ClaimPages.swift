import Foundation
import Platform
import PageMarkup
import Platform
import PracticeManagement

/// The claims list (patient, payer, service dates, status; search and filters) and a claim's
/// page with its tabs: Problems (the scrubber's findings), Lines, and the 837P file.
enum ClaimPages {
    enum Tab: String, CaseIterable {
        case validation, lines, edi

        var label: String {
            switch self {
            case .validation: "Problems"
            case .lines: "Service lines"
            case .edi: "837P file"
            }
        }
    }

    /// What the list was asked for, as typed (so the form shows it again).
    struct ListQuery {
        var filter = ClaimWorklistFilter()
        var search = ""
        var from = ""
        var to = ""
    }

    static func list(home: HomeQuery, principal: Principal, rows: [ClaimWorklistRow], payers: [Payer], query: ListQuery,
                     outcome: Outcome? = nil) -> String {
        let filter = query.filter
        return Layout.page(title: "Claims", home: home, principal: principal, section: .claims, outcome: outcome, content: .div(
            PageHeader.render("Claims", subtitle: "Claims built from finalized sessions, ready to check and send as 837P files."),
            .section(.class("card"),
                .form(.class("filters"), .action("/claims"), .method(.get),
                    .unwrap(filter.groupSessionID) { .input(.type(.hidden), .name("session_id"), .value($0.uuidString.lowercased())) },
                    .div(.label(.for("q"), "Search"),
                         .input(.type(.search), .id("q"), .name("q"), .value(query.search), .placeholder("Claim number, patient or record number"))),
                    .div(.label(.for("status"), "Status"),
                         .select(.id("status"), .attribute(named: "name", value: "status"),
                                 GroupSessionPages.option("", "Any status", selected: filter.status == nil),
                                 .forEach(ClaimStatus.allCases) { GroupSessionPages.option($0.rawValue, PlainWords.claimStatus($0.rawValue),
                                                                                           selected: filter.status == $0) })),
                    .div(.label(.for("payer_id"), "Payer"),
                         .select(.id("payer_id"), .attribute(named: "name", value: "payer_id"),
                                 GroupSessionPages.option("", "Any payer", selected: filter.payerID == nil),
                                 .forEach(payers) { GroupSessionPages.option($0.id.uuidString.lowercased(), $0.name, selected: filter.payerID == $0.id) })),
                    .div(.label(.for("from"), "Service from"), .input(.type(.date), .id("from"), .name("from"), .value(query.from))),
                    .div(.label(.for("to"), "Service to"), .input(.type(.date), .id("to"), .name("to"), .value(query.to))),
                    .button(.type(.submit), .text("Show"))),
                .if(filter.groupSessionID != nil, .p(.text("Showing the claims of one session. "), .a(.href("/claims"), .text("Show all claims")))),
                .if(rows.isEmpty, .p(.text("No claims match."))),
                .if(!rows.isEmpty, DataTable.render(class: "claims", columns: [
                    .init(label: "Claim"), .init(label: "Patient"), .init(label: "Payer"), .init(label: "Service dates"),
                    .init(label: "Status"), .init(label: "Total", numeric: true),
                ], rows: rows.map { row in
                    DataTable.Row(cells: [
                        .group(.a(.href("/claims/\(row.claim.id.uuidString.lowercased())"), .text(row.claim.claimNumber)),
                               .if(row.claim.frequencyCode != "1", .small(.text(PlainWords.claimKind(frequencyCode: row.claim.frequencyCode))))),
                        .group(.text(row.patientName), .small(.text("Record \(row.patientRecordNumber)"))),
                        .text(row.payerName),
                        .text(serviceDates(row)),
                        .span(.class("status"), .text(PlainWords.claimStatus(row.claim.status.rawValue))),
                        .text(PlainWords.money(row.claim.totalCents)),
                    ])
                }))
            )
        )).render()
    }

    static func serviceDates(_ row: ClaimWorklistRow) -> String {
        switch (row.firstServiceDate, row.lastServiceDate) {
        case let (first?, last?) where first == last: PlainWords.date(first)
        case let (first?, last?): "\(PlainWords.date(first)) – \(PlainWords.date(last))"
        default: "None"
        }
    }

    /// `edi` is the rendered file, or why it cannot be rendered (the scrubber's blocking finding).
    static func detail(home: HomeQuery, principal: Principal, row: ClaimWorklistRow, detail: ClaimDetail, tab: Tab,
                       edi: Result<String, DomainErrorText>?) -> String {
        let claim = detail.claim
        let base = "/claims/\(claim.id.uuidString.lowercased())"
        let canManage = principal.has(.claimsManage)
        return Layout.page(title: "Claim \(claim.claimNumber)", home: home, principal: principal, section: .claims, content: .div(
            PageHeader.render("Claim \(claim.claimNumber)", subtitle: "\(row.patientName) · \(row.payerName)",
                              back: .init(label: "All claims", path: "/claims")),
            .section(.class("card"),
                .element(named: "dl", nodes: [.class("facts"),
                    fact("Patient", "\(row.patientName) (record \(row.patientRecordNumber))"),
                    fact("Payer", row.payerName),
                    fact("Service dates", serviceDates(row)),
                    fact("Status", PlainWords.claimStatus(claim.status.rawValue)),
                    fact("Kind", PlainWords.claimKind(frequencyCode: claim.frequencyCode)),
                    fact("Total", "\(PlainWords.money(claim.totalCents)) · \(detail.lines.count) line\(detail.lines.count == 1 ? "" : "s")"),
                    .unwrap(claim.originalClaimNumber) { fact(claim.frequencyCode == "8" ? "Voids claim" : "Replaces claim", $0) },
                    .unwrap(claim.correctionReason) { fact("Correction reason", $0) },
                ]),
                .div(.class("actions"),
                    .a(.class("button"), .href("\(base)/837p"), .text("Download 837P preview")),
                    .if(canManage && detail.isExportable && claim.status != .corrected,
                        PageForm.post("\(base)/export", .button(.class("primary"), .type(.submit), .text("Export 837P (marks it sent)"))))),
                Tabs.render(Tab.allCases.map { Tabs.Tab(label: $0.label, path: "\(base)?tab=\($0.rawValue)", current: $0 == tab) }, label: "Claim sections")
            ),
            .section(.class("card"), .id(tab.rawValue), tabContent(detail, tab: tab, edi: edi, base: base, canScrub: canManage))
        )).render()
    }

    static func fact(_ term: String, _ value: String) -> Node<HTML.BodyContext> {
        .group(.element(named: "dt", nodes: [.text(term)]), .element(named: "dd", nodes: [.text(value)]))
    }

    static func tabContent(_ detail: ClaimDetail, tab: Tab, edi: Result<String, DomainErrorText>?, base: String, canScrub: Bool) -> Node<HTML.BodyContext> {
        switch tab {
        case .validation:
            return .group(
                .h2("Problems found by the claim check"),
                .if(detail.validations.isEmpty, .p(.class("notice"), .text("No problems: the claim is ready to send."))),
                .ul(.class("warnings validations"), .forEach(detail.validations) { finding in
                    .li(.class(finding.severity == .error ? "error" : "warning"), .attribute(named: "data-code", value: finding.code),
                        .strong(.text("\(finding.severity == .error ? "Must fix" : "Check"): \(PlainWords.warningTitle(finding.code))")),
                        .text(" \(finding.message)"),
                        .unwrap(finding.groupSessionID) { session in
                            .group(.text(" "), .a(.href("/group-sessions/\(session.uuidString.lowercased())"), .text("Open the session")))
                        },
                        .span(.class("support-code"), .text(" Code for support: \(finding.code)")))
                }),
                .if(canScrub, PageForm.post("\(base)/scrub", .button(.type(.submit), .text("Check again"))))
            )
        case .lines:
            return .group(
                .h2("Service lines"),
                DataTable.render(class: "lines", columns: [
                    .init(label: "Line", numeric: true), .init(label: "Date"), .init(label: "Code"), .init(label: "Modifiers"),
                    .init(label: "Units", numeric: true), .init(label: "Amount", numeric: true), .init(label: "Charge"),
                ], rows: detail.lines.map { line in
                    DataTable.Row(cells: [
                        .text("\(line.lineNumber)"), .text(PlainWords.date(line.serviceDate)), .text(line.procedureCode),
                        .text(line.modifiers.isEmpty ? "None" : line.modifiers.joined(separator: " ")), .text("\(line.units)"),
                        .text(line.amountCents.map(PlainWords.money) ?? "Not priced"), .text(PlainWords.chargeStatus(line.chargeStatus)),
                    ])
                })
            )
        case .edi:
            switch edi {
            case .success(let text)?:
                return .group(.h2("837P file (preview)"),
                              .p(.text("This is the file as it would be sent now. "), .a(.href("\(base)/837p"), .text("Download it"))),
                              .pre(.class("file edi"), .text(text)))
            case .failure(let refusal)?:
                return .group(.h2("837P file (preview)"), .p(.class("error"), .text(refusal.message)))
            case nil:
                return .empty
            }
        }
    }

    /// The form that builds claims for a session; the caller shows it only to holders of `pm.claims.manage`.
    static func createClaimsForm(sessionID: UUID) -> Node<HTML.BodyContext> {
        PageForm.post("/claims", class: "create-claims",
                      .input(.type(.hidden), .name("session_id"), .value(sessionID.uuidString.lowercased())),
                      .button(.class("primary"), .type(.submit), .text("Create claims")))
    }
}

/// A refusal's message, for a page to show in place of a file.
struct DomainErrorText: Error {
    let message: String
}
