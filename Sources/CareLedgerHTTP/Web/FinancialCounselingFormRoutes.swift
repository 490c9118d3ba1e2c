import Foundation
import Hummingbird
import Platform
import PracticeManagement

/// The forms on a patient's financial page, each post/redirect/get: record a counseling
/// session, file a charity care application from a session, and the supervisor's approve and
/// deny. The core functions the API calls do the work and the auditing; a 422 shows the page
/// again with the typed values and the message beside the field, a 409 with the reason at the top.
struct FinancialCounselingFormRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.post("/patients/:id/financial/sessions") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingManage)
            let patient = try context.pathID("id")
            let form = try await FormBody.read(request, upTo: 16 * 1024)
            let fields = form.values
            do {
                try form.refuseControlCharacters()
                try await database.withTenant(principal.organizationID) { tx in
                    let today = try await CharityCareApplications.organizationToday(now: Date(), in: tx)
                    _ = try await CounselingSessions.create(patientID: patient, try IncomeForm(fields, today: today).sessionInput(now: Date()),
                                                            by: principal, in: tx)
                }
                return WebRoutes.redirect("/patients/\(patient.uuidString.lowercased())/financial?done=session-recorded#sessions")
            } catch let error as DomainError where error.kind == .unprocessable {
                return try await FinancialCounselingPageRoutes.patientPage(patient, principal: principal, database: database, status: .unprocessableContent) { today in
                    FinancialCounselingPages.PageState(income: IncomeForm(fields, today: today),
                                                       outcome: .refusal("Session not recorded", error.message, code: error.code),
                                                       incomeRefusal: .init(field: error.field, message: error.message))
                }
            }
        }
        router.post("/financial-counseling/sessions/:id/charity-application") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingManage)
            let session = try context.pathID("id")
            let application = try await database.withTenant(principal.organizationID) { tx in
                try await CharityCareApplications.submit(sessionID: session, by: principal, in: tx)
            }
            return WebRoutes.redirect("/patients/\(application.patientID.uuidString.lowercased())/financial?done=application-filed#charity")
        }
        router.post("/charity-care-applications/:id/approve") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingApproveCharity)
            let id = try context.pathID("id")
            let form = try await FormBody.read(request, upTo: 16 * 1024)
            let fields = form.values
            return try await Self.decide(id, principal: principal, fields: fields, done: "approved", database: database) { tx in
                try form.refuseControlCharacters()
                let (percent, expiration) = try CharityDecisionForms.approval(fields)
                return try await CharityCareApplications.approve(id, discountPercent: percent, expirationDate: expiration, by: principal, in: tx)
            }
        }
        router.post("/charity-care-applications/:id/deny") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingApproveCharity)
            let id = try context.pathID("id")
            let form = try await FormBody.read(request, upTo: 16 * 1024)
            let fields = form.values
            return try await Self.decide(id, principal: principal, fields: fields, done: "denied", database: database) { tx in
                try form.refuseControlCharacters()
                return try await CharityCareApplications.deny(id, reason: fields["denial_reason"] ?? "", by: principal, in: tx)
            }
        }
    }

    /// Runs a decision; on success back to the patient's page, on 422 or 409 the page again with
    /// the reason (nothing was changed: the decision's transaction rolled back).
    static func decide(_ id: UUID, principal: Principal, fields: [String: String], done: String, database: Database,
                       _ decision: @escaping @Sendable (TenantTransaction) async throws -> CharityCareApplication) async throws -> Response {
        do {
            let application = try await database.withTenant(principal.organizationID) { tx in try await decision(tx) }
            return WebRoutes.redirect("/patients/\(application.patientID.uuidString.lowercased())/financial?done=\(done)#charity")
        } catch let error as DomainError where error.kind == .unprocessable || error.kind == .conflict {
            let patient = try await database.withTenant(principal.organizationID) { tx in try await CharityCareApplications.find(id, in: tx).patientID }
            let status: HTTPResponse.Status = error.kind == .conflict ? .conflict : .unprocessableContent
            let title = done == "approved" ? "Not approved" : "Not denied"
            return try await FinancialCounselingPageRoutes.patientPage(patient, principal: principal, database: database, status: status) { today in
                FinancialCounselingPages.PageState(income: IncomeForm([:], today: today), outcome: .refusal(title, error.message, code: error.code),
                                                   decisionRefusal: .init(applicationID: id, field: error.field, message: error.message, typed: fields))
            }
        }
    }
}
