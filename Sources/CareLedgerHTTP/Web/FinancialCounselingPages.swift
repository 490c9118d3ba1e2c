import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The financial counseling pages: a patient's financial page (tier, the income form with its
/// FPL preview, sessions, charity care with the supervisor's decisions, assistance referrals and
/// cost estimates) and the print-ready statement. PageMarkup escapes every text it writes.
enum FinancialCounselingPages {
    struct PatientFinancial {
        let patient: Patient
        let tier: PatientSlidingFeeTier
        let sessions: [CounselingSession]
        let applications: [CharityCareApplication]
        let charity: CharityStanding?
        let assistanceReferrals: [AssistanceReferral]
        let estimates: [CostEstimate]
        let counselingReferrals: [FinancialCounselingReferral]
        let preview: FPLPreviewResult?
        let previewError: String?
        let canManage: Bool
        let canApprove: Bool
    }

    /// What the page shows besides the records: the income form as typed, the banner, and a
    /// refused form's message beside its field.
    struct PageState {
        var income: IncomeForm
        var outcome: Outcome? = nil
        var incomeRefusal: IncomeForm.Refusal? = nil
        var decisionRefusal: CharityDecisionForms.Refusal? = nil
    }

    static func patient(home: HomeQuery, principal: Principal, _ page: PatientFinancial, state: PageState) -> String {
        let id = page.patient.id.uuidString.lowercased()
        let path = "/patients/\(id)/financial"
        return Layout.page(title: "Financial", home: home, principal: principal, section: .financialCounseling, outcome: state.outcome, content: .div(
            PageHeader.render("\(page.patient.givenName) \(page.patient.familyName) · financial counseling", subtitle: "MRN \(page.patient.mrn)",
                              back: .init(label: "Worklist", path: "/financial-counseling/worklist"),
                              links: [.init(label: "Statement (this month)", path: "/patients/\(id)/statement")]),
            .section(.class("card"), .id("standing"),
                .h2("Sliding-fee tier"),
                .p(.id("tier"), .text(tierText(page.tier))),
                .p(.id("charity-indicator"), .text(charityText(page.charity)))),
            .section(.class("card"), .id("income"),
                .h2("Income and FPL"),
                state.income.render(pagePath: path, recordAction: page.canManage ? "\(path)/sessions" : nil, refusal: state.incomeRefusal),
                previewResult(page)),
            .section(.class("card"), .id("sessions"),
                .h2("Counseling sessions"),
                sessionsTable(page.sessions, canManage: page.canManage)),
            .section(.class("card"), .id("charity"),
                .h2("Charity care applications"),
                applicationsTable(page.applications, canApprove: page.canApprove, refusal: state.decisionRefusal)),
            .section(.class("card"), .id("referrals"),
                .h2("Assistance program referrals"),
                assistanceTable(page.assistanceReferrals)),
            .section(.class("card"), .id("estimates"),
                .h2("Cost estimates"),
                estimatesTable(page.estimates, referrals: page.counselingReferrals))
        )).render()
    }

    static func charityText(_ charity: CharityStanding?) -> String {
        guard let charity else { return "Charity care: none in force" }
        return "Charity care: \(charity.discountPercent) % until \(charity.expirationDate)"
    }

    /// Always present (empty until there is something to show), so the page script can fill it.
    static func previewResult(_ page: PatientFinancial) -> Node<HTML.BodyContext> {
        let live: Node<HTML.BodyContext> = .attribute(named: "aria-live", value: "polite")
        if let error = page.previewError { return .p(.id("preview"), .class("error"), live, .text(error)) }
        guard let preview = page.preview else { return .p(.id("preview"), live) }
        return .p(.id("preview"), live, .text(previewText(preview)))
    }

    /// The preview's words; the page script writes the same sentence from the preview API.
    static func previewText(_ preview: FPLPreviewResult) -> String {
        let guideline = PlainWords.money(preview.guidelineCents)
        let tier = preview.tier?.label ?? "none (full fee)"
        return "FPL \(preview.fplPercentage) % of the \(preview.guidelineYear) \(preview.guidelineRegion.rawValue) guideline (\(guideline)); tier \(tier)"
    }

    static func sessionsTable(_ sessions: [CounselingSession], canManage: Bool) -> Node<HTML.BodyContext> {
        guard !sessions.isEmpty else { return .p(.text("No counseling sessions yet.")) }
        var columns: [DataTable.Column] = [.init(label: "Date"), .init(label: "Household", numeric: true), .init(label: "Annual income", numeric: true),
                                           .init(label: "FPL %", numeric: true), .init(label: "Income verified")]
        if canManage { columns.append(.init(label: "Charity care")) }
        return DataTable.render(class: "sessions", columns: columns, rows: sessions.map { session in
            var cells: [Node<HTML.BodyContext>] = [
                .text(PlainWords.date(session.sessionDate.description)), .text(String(session.householdSize)),
                .text(PlainWords.money(session.annualIncomeCents)), .text(session.fplPercentage.description),
                .text(session.incomeVerifiedAt == nil ? "No" : "Yes"),
            ]
            if canManage {
                cells.append(PageForm.post("/financial-counseling/sessions/\(session.id.uuidString.lowercased())/charity-application",
                                           .button(.type(.submit), .text("File charity application"))))
            }
            return DataTable.Row(id: "session-\(session.id.uuidString.lowercased())", cells: cells)
        })
    }

    static func applicationsTable(_ applications: [CharityCareApplication], canApprove: Bool,
                                  refusal: CharityDecisionForms.Refusal?) -> Node<HTML.BodyContext> {
        guard !applications.isEmpty else { return .p(.text("No applications.")) }
        var columns: [DataTable.Column] = [.init(label: "Submitted"), .init(label: "Status"), .init(label: "Discount", numeric: true),
                                           .init(label: "Expires")]
        if canApprove { columns.append(.init(label: "Decision")) }
        return DataTable.render(class: "applications", columns: columns, rows: applications.map { application in
            var cells: [Node<HTML.BodyContext>] = [
                .text(PlainWords.date(String(application.submittedAt.ISO8601Format().prefix(10)))),
                .span(.class("status status-\(application.status.rawValue)"), .text(PlainWords.sentence(application.status.rawValue))),
                .text(application.discountPercent.map { "\($0) %" } ?? ""),
                .text(application.expirationDate.map { PlainWords.date($0.description) } ?? ""),
            ]
            if canApprove {
                cells.append(application.status == .submitted ? CharityDecisionForms.render(application, refusal: refusal)
                                                              : .text(application.denialReason.map { "Denied: \($0)" } ?? "Decided"))
            }
            return DataTable.Row(id: "application-\(application.id.uuidString.lowercased())", cells: cells)
        })
    }

    static func assistanceTable(_ referrals: [AssistanceReferral]) -> Node<HTML.BodyContext> {
        guard !referrals.isEmpty else { return .p(.text("No referrals to assistance programs.")) }
        return DataTable.render(class: "assistance", columns: [.init(label: "Program"), .init(label: "Status"), .init(label: "Since"),
                                                               .init(label: "Coverage linked")],
                                rows: referrals.map { referral in
            DataTable.Row(id: "referral-\(referral.id.uuidString.lowercased())", cells: [
                .text(programName(referral.program)), .text(PlainWords.sentence(referral.applicationStatus.rawValue)),
                .text(PlainWords.date(String(lastMove(referral).ISO8601Format().prefix(10)))), .text(referral.policyID == nil ? "No" : "Yes"),
            ])
        })
    }

    /// When the referral last moved: the timestamp of its current status.
    static func lastMove(_ referral: AssistanceReferral) -> Date {
        [referral.withdrawnAt, referral.deniedAt, referral.approvedAt, referral.applicationSubmittedAt, referral.referredAt]
            .compactMap { $0 }.max() ?? referral.identifiedAt
    }

    static func programName(_ program: AssistanceProgram) -> String {
        switch program {
        case .ahcccsMedicaid: "AHCCCS / Medicaid"
        case .kidscareChip: "KidsCare / CHIP"
        case .marketplace: "Marketplace"
        case .medicareSavings: "Medicare Savings Program"
        case .pharmaceuticalAssistance: "Pharmaceutical assistance"
        case .other: "Other"
        }
    }

    static func estimatesTable(_ estimates: [CostEstimate], referrals: [FinancialCounselingReferral]) -> Node<HTML.BodyContext> {
        guard !estimates.isEmpty else { return .p(.text("No cost estimates.")) }
        let referred = Dictionary(referrals.compactMap { referral in referral.estimateID.map { ($0, referral) } }, uniquingKeysWith: { first, _ in first })
        return DataTable.render(class: "estimates", columns: [.init(label: "Made"), .init(label: "Service"),
                                                              .init(label: "Patient share", numeric: true), .init(label: "Counseling referral")],
                                rows: estimates.map { estimate in
            DataTable.Row(id: "estimate-\(estimate.id.uuidString.lowercased())", cells: [
                .text(PlainWords.date(String(estimate.createdAt.ISO8601Format().prefix(10)))), .text(estimate.serviceType),
                .text(PlainWords.money(estimate.patientEstimatedResponsibility)),
                .text(referred[estimate.id].map { referralWords($0) } ?? "None (at or below the threshold)"),
            ])
        })
    }

    /// "Open, above $1,000.00 (default)": why the estimate reached the worklist.
    static func referralWords(_ referral: FinancialCounselingReferral) -> String {
        let threshold = referral.thresholdCents.map { " above \(PlainWords.money($0))" } ?? ""
        let source = referral.thresholdSource.map { " (\(PlainWords.sentence($0.rawValue).lowercased()))" } ?? ""
        return PlainWords.sentence(referral.status) + threshold + source
    }

    static func tierText(_ tier: PatientSlidingFeeTier) -> String {
        guard let fpl = tier.fplPercentage else { return "No counseling session yet: full fee." }
        let source = tier.incomeVerified ? "verified income" : "unverified income"
        guard let tierClass = tier.tier else { return "FPL \(fpl) % (\(source)): no discount class (full fee)." }
        let charge: String = switch tierClass.charge {
        case .discountPercent(let percent): "\(percent) % off"
        case .nominalFee(let cents): "nominal fee \(GroupSessionPages.money(cents)) per visit"
        }
        return "FPL \(fpl) % (\(source)): class \(tierClass.label), \(charge)."
    }

    /// The statement, laid out to print.
    static func statement(home: HomeQuery, principal: Principal, patient: Patient, _ statement: PatientStatement) -> String {
        let charity = statement.charity.map { "Charity care applies: \($0.discountPercent) % (until \($0.expirationDate))" } ?? "No charity care in force"
        return Layout.page(title: "Statement", home: home, principal: principal, section: .financialCounseling, content: .div(.class("card statement"),
            .h1(.text("Statement for \(patient.givenName) \(patient.familyName)")),
            .p(.text("MRN \(patient.mrn) · period \(statement.periodFrom) to \(statement.periodTo) · made \(statement.statementDate)")),
            .p(.id("charity-indicator"), .text(charity)),
            .p(.text(tierText(statement.tier))),
            .table(
                .thead(.tr(.th("Date"), .th("Code"), .th("Charge"), .th("Your share"), .th("Sliding fee"), .th("Charity"), .th("Due"))),
                .tbody(
                    summaryRow("Balance carried in", GroupSessionPages.money(statement.previousBalanceCents)),
                    .forEach(statement.lines) { line in statementRow(line) },
                    summaryRow("Payments received", "−" + GroupSessionPages.money(statement.paymentsCents)),
                    summaryRow("Balance due", GroupSessionPages.money(statement.balanceCents))))
        )).render()
    }

    static func summaryRow(_ label: String, _ amount: String) -> Node<HTML.TableContext> {
        .tr(.th(.text(label)), .td(), .td(), .td(), .td(), .td(), .td(.text(amount)))
    }

    static func statementRow(_ line: PatientStatementLine) -> Node<HTML.TableContext> {
        let money = GroupSessionPages.money
        let cells = [line.serviceDate.description, line.procedureCode, money(line.chargeCents), money(line.pricing.responsibilityCents),
                     "−" + money(line.pricing.slidingFeeAdjustmentCents), "−" + money(line.pricing.charityAdjustmentCents), money(line.pricing.dueCents)]
        return .tr(.forEach(cells) { .td(.text($0)) })
    }
}
