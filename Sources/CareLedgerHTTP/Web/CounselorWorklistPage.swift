import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// `/financial-counseling/worklist`: what a counselor follows up today — patients referred by a
/// cost estimate above the financial clearance threshold, assistance-program referrals still in
/// progress, charity approvals expiring within 30 days and annual income reviews due.
enum CounselorWorklistPage {
    struct Model {
        let worklist: CounselorWorklist
        let counselingReferrals: [FinancialCounselingReferral]
        let estimates: [UUID: CostEstimate]
        let assistanceReferrals: [AssistanceReferral]
        let patients: [UUID: Patient]
    }

    static func render(home: HomeQuery, principal: Principal, _ model: Model) -> String {
        Layout.page(title: "Worklist", home: home, principal: principal, section: .financialCounseling, content: .div(
            PageHeader.render("Financial counseling worklist", subtitle: PlainWords.date(model.worklist.today.description)),
            .section(.class("card"), .id("counseling-referrals"),
                .h2("Referred by a cost estimate"),
                .if(model.counselingReferrals.isEmpty, .p(.text("None."))),
                .if(!model.counselingReferrals.isEmpty, DataTable.render(class: "counseling-referrals",
                    columns: [.init(label: "Patient"), .init(label: "Opened"), .init(label: "Service"), .init(label: "Patient share", numeric: true),
                              .init(label: "Threshold")],
                    rows: model.counselingReferrals.map { referral in
                        let estimate = referral.estimateID.flatMap { model.estimates[$0] }
                        return DataTable.Row(id: "counseling-referral-\(referral.id.uuidString.lowercased())", cells: [
                            patientLink(referral.patientID, model), .text(PlainWords.date(String(referral.openedAt.ISO8601Format().prefix(10)))),
                            .text(estimate?.serviceType ?? ""), .text(estimate.map { PlainWords.money($0.patientEstimatedResponsibility) } ?? ""),
                            .text(FinancialCounselingPages.referralWords(referral)),
                        ])
                    }))),
            .section(.class("card"), .id("assistance-referrals"),
                .h2("Assistance program referrals in progress"),
                .if(model.assistanceReferrals.isEmpty, .p(.text("None."))),
                .if(!model.assistanceReferrals.isEmpty, DataTable.render(class: "assistance-referrals",
                    columns: [.init(label: "Patient"), .init(label: "Program"), .init(label: "Status"), .init(label: "Since")],
                    rows: model.assistanceReferrals.map { referral in
                        DataTable.Row(id: "assistance-referral-\(referral.id.uuidString.lowercased())", cells: [
                            patientLink(referral.patientID, model), .text(FinancialCounselingPages.programName(referral.program)),
                            .text(PlainWords.sentence(referral.applicationStatus.rawValue)),
                            .text(PlainWords.date(String(FinancialCounselingPages.lastMove(referral).ISO8601Format().prefix(10)))),
                        ])
                    }))),
            .section(.class("card"), .id("expiring-approvals"),
                .h2("Charity approvals expiring within 30 days"),
                .if(model.worklist.expiringApprovals.isEmpty, .p(.text("None."))),
                .ul(.forEach(model.worklist.expiringApprovals) { approval in
                    .li(patientLink(approval.patientID, model), .text(" · expires \(PlainWords.date(approval.expirationDate.description))"))
                })),
            .section(.class("card"), .id("reviews-due"),
                .h2("Annual income reviews due"),
                .if(model.worklist.reviewsDue.isEmpty, .p(.text("None."))),
                .ul(.forEach(model.worklist.reviewsDue) { review in
                    .li(patientLink(review.patientID, model), .text(" · income last verified \(PlainWords.date(review.verifiedOn.description))"))
                }))
        )).render()
    }

    static func patientLink(_ id: UUID, _ model: Model) -> Node<HTML.BodyContext> {
        let name = model.patients[id].map { "\($0.familyName), \($0.givenName)" } ?? "Patient"
        return .a(.href("/patients/\(id.uuidString.lowercased())/financial"), .text(name))
    }
}
