import Foundation
import Hummingbird
import Platform
import PracticeManagement

/// `/patients/:id/financial`, `/patients/:id/statement` and `/financial-counseling/worklist`
/// (the forms the financial page posts are in `FinancialCounselingFormRoutes`).
struct FinancialCounselingPageRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/patients/:id/financial") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingView)
            let id = try context.pathID("id")
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            let typed = query
            return try await Self.patientPage(id, principal: principal, database: database, status: .ok) { today in
                FinancialCounselingPages.PageState(income: IncomeForm(typed, today: today), outcome: Self.outcome(done: typed["done"]))
            } preview: { !(typed["amount"] ?? "").isEmpty }
        }
        router.get("/patients/:id/statement") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingView)
            let id = try context.pathID("id")
            let home = try await HomeQuery.load(principal, database: database)
            let (patient, statement) = try await database.withTenant(principal.organizationID) { tx in
                let today = try await CharityCareApplications.organizationToday(now: Date(), in: tx)
                let query = request.uri.queryParameters
                let from = query["from"].flatMap { ServiceDate(String($0)) } ?? ServiceDate(year: today.year, month: today.month, day: 1) ?? today
                let to = query["to"].flatMap { ServiceDate(String($0)) } ?? today
                return (try await Patients.find(id, in: tx), try await PatientStatements.statement(patientID: id, from: from, to: to, in: tx))
            }
            return WebRoutes.html(FinancialCounselingPages.statement(home: home, principal: principal, patient: patient, statement))
        }
        router.get("/financial-counseling/worklist") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingView)
            let home = try await HomeQuery.load(principal, database: database)
            let model = try await database.withTenant(principal.organizationID) { tx in
                let worklist = try await CounselorWorklist.load(in: tx)
                let referrals = try await FinancialCounselingReferrals.list(openOnly: true, in: tx)
                let assistance = try await AssistanceReferrals.inProgress(in: tx)
                let patientIDs = Set(referrals.map(\.patientID) + assistance.map(\.patientID) + worklist.expiringApprovals.map(\.patientID)
                                     + worklist.reviewsDue.map(\.patientID))
                return CounselorWorklistPage.Model(worklist: worklist, counselingReferrals: referrals,
                                                   estimates: try await CostEstimates.find(ids: referrals.compactMap(\.estimateID), in: tx),
                                                   assistanceReferrals: assistance, patients: try await Patients.find(Array(patientIDs), in: tx))
            }
            return WebRoutes.html(CounselorWorklistPage.render(home: home, principal: principal, model))
        }
    }

    /// The patient's financial page with `state` (built on the organization's today); the FPL
    /// preview is computed from the income form when `preview` says the viewer asked for one.
    static func patientPage(_ id: UUID, principal: Principal, database: Database, status: HTTPResponse.Status,
                            state makeState: @escaping @Sendable (ServiceDate) -> FinancialCounselingPages.PageState,
                            preview wantsPreview: @escaping @Sendable () -> Bool = { false }) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let (page, state) = try await database.withTenant(principal.organizationID) { tx in
            let patient = try await Patients.find(id, in: tx)
            let today = try await CharityCareApplications.organizationToday(now: Date(), in: tx)
            let state = makeState(today)
            var preview: FPLPreviewResult?
            var previewError: String?
            if wantsPreview() {
                do {
                    let (household, source) = try state.income.parsed()
                    // A savepoint keeps a refused preview from ending the page's transaction.
                    preview = try await tx.withSavepoint("preview") {
                        try await FPLPreview.compute(householdSize: household, incomeSources: [source], annualIncomeCents: nil,
                                                     date: state.income.date, stateCode: nil, in: tx)
                    }
                } catch let error as DomainError {
                    previewError = error.message
                }
            }
            let page = FinancialCounselingPages.PatientFinancial(
                patient: patient, tier: try await PatientSlidingFeeTiers.forPatient(id, on: today, in: tx),
                sessions: try await CounselingSessions.list(patientID: id, in: tx), applications: try await CharityCareApplications.list(patientID: id, in: tx),
                charity: try await CharityIndicator.standing(patientID: id, on: today, in: tx),
                assistanceReferrals: try await AssistanceReferrals.list(patientID: id, in: tx), estimates: try await CostEstimates.list(patientID: id, in: tx),
                counselingReferrals: try await FinancialCounselingReferrals.list(patientID: id, in: tx), preview: preview, previewError: previewError,
                canManage: principal.has(.financialCounselingManage), canApprove: principal.has(.financialCounselingApproveCharity))
            return (page, state)
        }
        return WebRoutes.html(FinancialCounselingPages.patient(home: home, principal: principal, page, state: state), status: status)
    }

    /// The banner after a post/redirect/get.
    static func outcome(done: String?) -> Outcome? {
        switch done {
        case "session-recorded": .success("Counseling session recorded", "The tier and FPL below use it.")
        case "application-filed": .success("Charity care application filed", "A supervisor approves or denies it on this page.")
        case "approved": .success("Charity care approved", "Statements show the charity discount while it is in force.")
        case "denied": .success("Charity care denied")
        default: nil
        }
    }
}
