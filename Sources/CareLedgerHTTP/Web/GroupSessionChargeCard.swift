import Clinical
import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The session page's Charges card: the current charges per member when they agree with the
/// preview, "being rebuilt" when they lag it, and, for billing roles, the voided history on request.
enum GroupSessionChargeCard {
    /// `canClaim`: the viewer holds pm.claims.manage and the session is not locked yet;
    /// `canSeeHistory`: a billing role (pm.charges.edit); `history`: the viewer asked for it.
    static func render(_ charges: GroupSessionChargeRoutes.SessionCharges, detail: GroupSessionDetail, canClaim: Bool,
                       canSeeHistory: Bool, history: Bool) -> Node<HTML.BodyContext> {
        let roster = detail.roster
        let names = Dictionary(roster.compactMap { row in row.patientID.map { ($0, row.displayName) } }, uniquingKeysWith: { first, _ in first })
        let active = charges.charges.filter { $0.status == "active" }
        let payerID = detail.preview.payer?.payerID
        let state = GroupSessionChargeState.decide(
            build: charges.build.map { .init(built: $0.outcome == "built", billableCount: $0.billableCount, activeCharges: $0.activeCharges) },
            active: active.map { .init(unitRateCents: $0.unitRateCents, billedToPreviewPayer: $0.payerID == payerID) },
            preview: .init(billableCount: detail.preview.billableCount, bandRateCents: detail.preview.band?.band?.unitRateCents),
            finalized: detail.summary.documentationStatus == "finalized")
        let base = "/group-sessions/\(detail.summary.id.uuidString.lowercased())"
        let shown = history ? charges.charges : (state == .current ? active : [])
        return .section(.class("card"), .id("charges"), .attribute(named: "data-state", value: "\(state)"),
            .h2("Charges"),
            summary(state, build: charges.build, count: active.count),
            .if(!shown.isEmpty, table(shown, names: names)),
            .if(canSeeHistory && !history && charges.charges.contains { $0.status != "active" },
                .p(.a(.href("\(base)?charges=history#charges"), .text("Show voided charges (history)")))),
            .if(history, .p(.a(.href("\(base)#charges"), .text("Show current charges only")))),
            .if(canClaim && state == .current && !active.isEmpty, ClaimPages.createClaimsForm(sessionID: detail.summary.id))
        )
    }

    static func summary(_ state: GroupSessionChargeState, build: GroupSessionChargeRoutes.BuildView?, count: Int) -> Node<HTML.BodyContext> {
        switch state {
        case .awaitingDocumentation:
            return .p(.text("Charges are built when the session is finalized or its end time passes."))
        case .beingBuilt:
            return .p(.class("notice"), .text("Finalized. Charges are being built; reload in a moment."))
        case .beingRebuilt:
            return .p(.class("warning"), .attribute(named: "role", value: "status"),
                      .strong(.text("Charges are being rebuilt")),
                      .text(" to match the attendance above. Reload in a moment to see them."))
        case .notBillable:
            return .p(.class("warning"), .strong(.text("No charges: ")), .text(build?.reason ?? "this session is not billable."),
                      .unwrap(build?.reasonCode) { .span(.class("support-code"), .text(" Code for support: \($0)")) })
        case .current:
            return .p(.text("\(count) current charge\(count == 1 ? "" : "s"), one for each billable participant."))
        }
    }

    static func table(_ charges: [Charge], names: [UUID: String]) -> Node<HTML.BodyContext> {
        DataTable.render(class: "charges", columns: [
            .init(label: "Participant"), .init(label: "Code"), .init(label: "Units", numeric: true),
            .init(label: "Amount", numeric: true), .init(label: "Status"),
        ], rows: charges.map { charge in
            DataTable.Row(className: "charge-\(charge.status)", cells: [
                .a(.href("/patients/\(charge.patientID.uuidString.lowercased())/encounters"), .text(names[charge.patientID] ?? "Participant")),
                .text(([charge.procedureCode] + charge.modifiers).joined(separator: " ")),
                .text("\(charge.units)"),
                .text(charge.amountCents.map(PlainWords.money) ?? "Not priced"),
                .group(.span(.class("status"), .text(PlainWords.chargeStatus(charge.status))),
                       .unwrap(charge.voidReason) { .small(.text($0)) }),
            ])
        })
    }
}
