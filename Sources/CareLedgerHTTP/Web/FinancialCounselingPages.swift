import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The financial counseling pages: a patient's financial page (tier, sessions, charity care, an
/// income preview that works as a plain GET form), the print-ready statement and the counselor's
/// worklist. Plot escapes every text it writes.
enum FinancialCounselingPages {
    struct PatientFinancial {
        let patient: Patient
        let tier: PatientSlidingFeeTier
        let sessions: [CounselingSession]
        let applications: [CharityCareApplication]
        let charity: CharityStanding?
        let preview: FPLPreviewResult?
        let previewError: String?
        let canApprove: Bool
    }

    static func patient(home: HomeQuery, principal: Principal, _ page: PatientFinancial, previewInput: [String: String]) -> String {
        let id = page.patient.id.uuidString.lowercased()
        return Layout.page(title: "Financial", home: home, principal: principal, section: .financialCounseling, content: .div(.class("card"),
            .h1(.text("\(page.patient.givenName) \(page.patient.familyName) · financial counseling")),
            .p(.text("MRN \(page.patient.mrn)")),
            .h2("Sliding-fee tier"),
            .p(.id("tier"), .text(tierText(page.tier))),
            .p(.id("charity-indicator"), .text(charityText(page.charity))),
            .p(.a(.href("/patients/\(id)/statement"), .text("Statement (this month)"))),
            .h2("Income preview"),
            previewForm(patientID: id, input: previewInput),
            previewResult(page),
            .h2("Counseling sessions"),
            sessionsTable(page.sessions),
            .h2("Charity care applications"),
            applicationsTable(page.applications, canApprove: page.canApprove)
        )).render()
    }

    static func charityText(_ charity: CharityStanding?) -> String {
        guard let charity else { return "Charity care: none in force" }
        return "Charity care: \(charity.discountPercent) % until \(charity.expirationDate)"
    }

    static func previewForm(patientID id: String, input: [String: String]) -> Node<HTML.BodyContext> {
        .form(.method(.get), .action("/patients/\(id)/financial"),
            .label(.text("Household size "), .input(.type(.number), .name("household_size"), .value(input["household_size"] ?? "1"))),
            .label(.text(" Income (cents) "), .input(.type(.number), .name("amount_cents"), .value(input["amount_cents"] ?? ""))),
            .label(.text(" every "), .select(.attribute(named: "name", value: "frequency"), .forEach(IncomeFrequency.allCases) { frequency in
                GroupSessionPages.option(frequency.rawValue, frequency.rawValue, selected: input["frequency"] == frequency.rawValue)
            })),
            .label(.text(" on "), .input(.type(.date), .name("date"), .value(input["date"] ?? ""))),
            .button(.type(.submit), .text("Preview FPL")))
    }

    static func previewResult(_ page: PatientFinancial) -> Node<HTML.BodyContext> {
        if let error = page.previewError { return .p(.class("error"), .text(error)) }
        guard let preview = page.preview else { return .empty }
        let guideline = GroupSessionPages.money(preview.guidelineCents)
        let tier = preview.tier?.label ?? "none (full fee)"
        return .p(.id("preview"), .text("FPL \(preview.fplPercentage) % of the \(preview.guidelineYear) \(preview.guidelineRegion.rawValue) guideline (\(guideline)); tier \(tier)"))
    }

    static func sessionsTable(_ sessions: [CounselingSession]) -> Node<HTML.BodyContext> {
        guard !sessions.isEmpty else { return .p(.text("No counseling sessions yet.")) }
        return .table(
            .thead(.tr(.th("Date"), .th("Household"), .th("Annual income"), .th("FPL %"), .th("Income verified"))),
            .tbody(.forEach(sessions) { session in sessionRow(session) }))
    }

    static func sessionRow(_ session: CounselingSession) -> Node<HTML.TableContext> {
        let income = GroupSessionPages.money(session.annualIncomeCents)
        let verified = session.incomeVerifiedAt == nil ? "no" : "yes"
        return .tr(.td(.text(session.sessionDate.description)), .td(.text(String(session.householdSize))), .td(.text(income)),
                   .td(.text(session.fplPercentage.description)), .td(.text(verified)))
    }

    static func applicationsTable(_ applications: [CharityCareApplication], canApprove: Bool) -> Node<HTML.BodyContext> {
        guard !applications.isEmpty else { return .p(.text("No applications.")) }
        return .table(
            .thead(.tr(.th("Submitted"), .th("Status"), .th("Discount"), .th("Expires"), .th(.text(canApprove ? "Decision" : "")))),
            .tbody(.forEach(applications) { application in applicationRow(application, canApprove: canApprove) }))
    }

    static func applicationRow(_ application: CharityCareApplication, canApprove: Bool) -> Node<HTML.TableContext> {
        let submitted = String(application.submittedAt.ISO8601Format().prefix(10))
        let discount = application.discountPercent.map { "\($0) %" } ?? ""
        let expires = application.expirationDate?.description ?? ""
        let decision = canApprove && application.status == .submitted
            ? "POST /api/v1/charity-care-applications/\(application.id.uuidString.lowercased())/approve or /deny" : ""
        return .tr(.td(.text(submitted)), .td(.text(application.status.rawValue)), .td(.text(discount)), .td(.text(expires)), .td(.text(decision)))
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

    static func worklist(home: HomeQuery, principal: Principal, _ worklist: CounselorWorklist) -> String {
        Layout.page(title: "Worklist", home: home, principal: principal, section: .financialCounseling, content: .div(.class("card"),
            .h1(.text("Financial counseling worklist · \(worklist.today)")),
            .h2("Charity approvals expiring within 30 days"),
            .if(worklist.expiringApprovals.isEmpty, .p(.text("None."))),
            .ul(.forEach(worklist.expiringApprovals) { approval in
                .li(.a(.href("/patients/\(approval.patientID.uuidString.lowercased())/financial"), .text("Approval expiring \(approval.expirationDate)")))
            }),
            .h2("Annual income reviews due"),
            .if(worklist.reviewsDue.isEmpty, .p(.text("None."))),
            .ul(.forEach(worklist.reviewsDue) { review in
                .li(.a(.href("/patients/\(review.patientID.uuidString.lowercased())/financial"), .text("Income last verified \(review.verifiedOn)")))
            })
        )).render()
    }
}
