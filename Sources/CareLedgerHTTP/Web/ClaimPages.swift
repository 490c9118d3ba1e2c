import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The claims list and a claim's detail, with its Validation tab (the scrubber's findings) and
/// EDI tab (the rendered 837P in a <pre>).
enum ClaimPages {
    enum Tab: String, CaseIterable {
        case validation, lines, edi

        var label: String {
            switch self {
            case .validation: "Validation"
            case .lines: "Lines"
            case .edi: "EDI"
            }
        }
    }

    static func list(home: HomeQuery, claims: [Claim], status: ClaimStatus?, message: String? = nil) -> String {
        Layout.page(title: "Claims", organization: home.organizationName, user: home.displayName, content: .div(
            .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .h1("Claims"),
                .form(.class("filters"), .action("/claims"), .method(.get),
                    .div(.label(.for("status"), "Status"),
                         .select(.id("status"), .attribute(named: "name", value: "status"),
                                 GroupSessionPages.option("", "All", selected: status == nil),
                                 .forEach(ClaimStatus.allCases) { GroupSessionPages.option($0.rawValue, $0.rawValue.capitalized, selected: status == $0) })),
                    .button(.type(.submit), .text("Show"))),
                .if(claims.isEmpty, .p(.text("No claims match."))),
                .table(.class("claims"),
                    .thead(.tr(.th("Claim"), .th("Type"), .th("Status"), .th("Total"), .th("Created"))),
                    .tbody(.forEach(claims) { claim in
                        .tr(.td(.a(.href("/claims/\(claim.id.uuidString.lowercased())"), .text(claim.claimNumber))),
                            .td(.text(frequencyLabel(claim))),
                            .td(.span(.class("status status-\(claim.status.rawValue)"), .text(claim.status.rawValue))),
                            .td(.text(GroupSessionPages.money(claim.totalCents))),
                            .td(.text(String(claim.createdAt.ISO8601Format().prefix(10)))))
                    }))
            )
        )).render()
    }

    /// `edi` is the rendered file, or why it cannot be rendered (the scrubber's blocking finding).
    static func detail(home: HomeQuery, detail: ClaimDetail, tab: Tab, edi: Result<String, DomainErrorText>?, canScrub: Bool) -> String {
        let claim = detail.claim
        let base = "/claims/\(claim.id.uuidString.lowercased())"
        return Layout.page(title: "Claim \(claim.claimNumber)", organization: home.organizationName, user: home.displayName, content: .div(
            .div(.class("card"),
                .p(.a(.href("/claims"), .text("← All claims"))),
                .h1(.text("Claim \(claim.claimNumber)")),
                .p(.text("\(frequencyLabel(claim)) · \(claim.status.rawValue) · \(GroupSessionPages.money(claim.totalCents)) · \(detail.lines.count) line\(detail.lines.count == 1 ? "" : "s")")),
                .unwrap(claim.originalClaimNumber) { .p(.text("Acts on claim \($0) (REF*F8)")) },
                .unwrap(claim.correctionReason) { .p(.text("Correction reason: \($0)")) },
                .nav(.class("tabs"), .forEach(Tab.allCases) { item in
                    .a(.href("\(base)?tab=\(item.rawValue)"), .class(item == tab ? "tab active" : "tab"), .text(item.label))
                })
            ),
            .div(.class("card"), .attribute(named: "id", value: tab.rawValue), tabContent(detail, tab: tab, edi: edi, base: base, canScrub: canScrub))
        )).render()
    }

    static func tabContent(_ detail: ClaimDetail, tab: Tab, edi: Result<String, DomainErrorText>?, base: String, canScrub: Bool) -> Node<HTML.BodyContext> {
        switch tab {
        case .validation:
            return .group(
                .h2("Validation"),
                .if(detail.validations.isEmpty, .p(.class("notice"), .text("The scrubber found nothing: the claim is clean."))),
                .ul(.class("validations"), .forEach(detail.validations) { finding in
                    .li(.class(finding.severity.rawValue), .attribute(named: "data-code", value: finding.code),
                        .strong(.text("\(finding.severity.rawValue.uppercased()) \(finding.code)")), .text(": \(finding.message)"),
                        .unwrap(finding.groupSessionID) { session in
                            .group(.text(" "), .a(.href("/group-sessions/\(session.uuidString.lowercased())"), .text("(session)")))
                        })
                }),
                .if(canScrub, .form(.action("\(base)/scrub"), .method(.post), .button(.type(.submit), .text("Scrub again"))))
            )
        case .lines:
            return .group(
                .h2("Lines"),
                .table(.class("lines"),
                    .thead(.tr(.th("#"), .th("Date"), .th("Code"), .th("Modifiers"), .th("Units"), .th("Amount"), .th("Charge"))),
                    .tbody(.forEach(detail.lines) { line in
                        .tr(.td(.text("\(line.lineNumber)")), .td(.text(line.serviceDate)), .td(.text(line.procedureCode)),
                            .td(.text(line.modifiers.joined(separator: " "))), .td(.text("\(line.units)")),
                            .td(.text(line.amountCents.map(GroupSessionPages.money) ?? "not priced")), .td(.text(line.chargeStatus)))
                    }))
            )
        case .edi:
            switch edi {
            case .success(let text)?:
                return .group(.h2("EDI (837P preview)"), .pre(.class("edi"), .text(text)))
            case .failure(let refusal)?:
                return .group(.h2("EDI (837P preview)"), .p(.class("error"), .text(refusal.message)))
            case nil:
                return .empty
            }
        }
    }

    /// The form that builds claims for a session; the caller shows it only to holders of `pm.claims.manage`.
    static func createClaimsForm(sessionID: UUID) -> Node<HTML.BodyContext> {
        .form(.class("create-claims"), .action("/claims"), .method(.post),
              .input(.type(.hidden), .name("session_id"), .value(sessionID.uuidString.lowercased())),
              .button(.class("primary"), .type(.submit), .text("Create claims")))
    }

    static func frequencyLabel(_ claim: Claim) -> String {
        switch claim.frequencyCode {
        case "7": "Replacement (7)"
        case "8": "Void (8)"
        default: "Original (1)"
        }
    }
}

/// A refusal's message, for a page to show in place of a file.
struct DomainErrorText: Error {
    let message: String
}
