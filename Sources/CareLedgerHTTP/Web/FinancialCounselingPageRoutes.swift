import Foundation
import Hummingbird
import Platform
import PracticeManagement

/// `/patients/:id/financial`, `/patients/:id/statement` and `/financial-counseling/worklist`.
struct FinancialCounselingPageRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/patients/:id/financial") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.financialCounselingView)
            let id = try context.pathID("id")
            let home = try await HomeQuery.load(principal, database: database)
            var query: [String: String] = [:]
            for name in ["household_size", "amount_cents", "frequency", "date"] {
                if let value = request.uri.queryParameters[Substring(name)] { query[name] = String(value) }
            }
            let input = query
            let page = try await database.withTenant(principal.organizationID) { tx in
                let patient = try await Patients.find(id, in: tx)
                let today = try await CharityCareApplications.organizationToday(now: Date(), in: tx)
                var preview: FPLPreviewResult?
                var previewError: String?
                if let amount = input["amount_cents"].flatMap(Int.init) {
                    do {
                        // A savepoint keeps a refused preview from ending the page's transaction.
                        try await tx.query("SAVEPOINT preview")
                        preview = try await FPLPreview.compute(
                            householdSize: input["household_size"].flatMap(Int.init) ?? 1,
                            incomeSources: [IncomeSourceInput(kind: "other", amountCents: amount, frequency: input["frequency"] ?? "yearly")],
                            annualIncomeCents: nil, date: input["date"].flatMap { $0.isEmpty ? nil : $0 } ?? today.description, stateCode: nil, in: tx)
                        try await tx.query("RELEASE SAVEPOINT preview")
                    } catch let error as DomainError {
                        try await tx.query("ROLLBACK TO SAVEPOINT preview")
                        previewError = error.message
                    }
                }
                return FinancialCounselingPages.PatientFinancial(
                    patient: patient, tier: try await PatientSlidingFeeTiers.forPatient(id, on: today, in: tx),
                    sessions: try await CounselingSessions.list(patientID: id, in: tx), applications: try await CharityCareApplications.list(patientID: id, in: tx),
                    charity: try await CharityIndicator.standing(patientID: id, on: today, in: tx), preview: preview, previewError: previewError,
                    canApprove: principal.has(.financialCounselingApproveCharity))
            }
            return WebRoutes.html(FinancialCounselingPages.patient(home: home, principal: principal, page, previewInput: input))
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
            let worklist = try await database.withTenant(principal.organizationID) { tx in try await CounselorWorklist.load(in: tx) }
            return WebRoutes.html(FinancialCounselingPages.worklist(home: home, principal: principal, worklist))
        }
    }
}
