import Clinical
import Foundation
import PageMarkup
import PracticeManagement

/// The session page's Charges card: what charge capture built per member, or why it built nothing.
enum GroupSessionChargeCard {
    /// `canClaim`: the viewer holds pm.claims.manage and the session is not locked yet.
    static func render(_ charges: GroupSessionChargeRoutes.SessionCharges, roster: [AttendanceRow], sessionID: UUID,
                       canClaim: Bool) -> Node<HTML.BodyContext> {
        let names = Dictionary(roster.compactMap { row in row.patientID.map { ($0, row.displayName) } }, uniquingKeysWith: { first, _ in first })
        return .div(.class("card"), .attribute(named: "id", value: "charges"),
            .h2("Charges"),
            .unwrap(charges.build, { build in
                .p(.text(build.outcome == "built"
                         ? "Built from documentation revision \(build.revision): \(build.activeCharges) active charge\(build.activeCharges == 1 ? "" : "s") for \(build.billableCount) billable member\(build.billableCount == 1 ? "" : "s")."
                         : "No charges: "),
                   .unwrap(build.reasonCode) { code in .span(.class("warning"), .attribute(named: "data-code", value: code),
                                                              .strong(.text(code)), .text(": \(build.reason ?? "")")) })
            }, else: .p(.text("Charges are built when the session is finalized or its end time passes."))),
            .if(!charges.charges.isEmpty, .table(.class("charges"),
                .thead(.tr(.th("Member"), .th("Code"), .th("Units"), .th("Amount"), .th("Status"))),
                .tbody(.forEach(charges.charges) { charge in
                    .tr(.class("charge-\(charge.status)"),
                        .td(.a(.href("/patients/\(charge.patientID.uuidString.lowercased())/encounters"), .text(names[charge.patientID] ?? "Member"))),
                        .td(.text(([charge.procedureCode] + charge.modifiers).joined(separator: " "))),
                        .td(.text("\(charge.units)")),
                        .td(.text(charge.amountCents.map(GroupSessionPages.money) ?? "unpriced")),
                        .td(.text(charge.status), .unwrap(charge.voidReason) { .span(.class("muted"), .text(" (\($0))")) }))
                }))),
            .if(canClaim && charges.charges.contains { $0.status == "active" }, ClaimPages.createClaimsForm(sessionID: sessionID))
        )
    }
}
