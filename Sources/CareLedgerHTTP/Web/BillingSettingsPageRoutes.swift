import Foundation
import Hummingbird
import Platform
import PracticeManagement

/// The billing-rules page's payer group-rules and module-settings forms. A save redirects back
/// to the page; a refused one shows the page again (422) with the typed values and the reason.
struct BillingSettingsPageRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let app = dependencies
        router.post("/billing-rules/payers/:id/group-rules") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.billingRulesManage)
            let payerID = try context.pathID("id")
            let form = try await Self.fields(request)
            let fields = form.values
            let state = (fields["state"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            do {
                try form.refuseControlCharacters()
                let limit = try BillingSettingsForms.supervisorLimit(fields["max_participants_per_supervisor"] ?? "")
                let bands = try BillingSettingsForms.bands(fields["bands"] ?? "")
                try await database.withTenant(principal.organizationID) { tx in
                    _ = try await Payers.replaceGroupRules(payerID: payerID, stateCode: state, maxParticipantsPerSupervisor: limit, bands: bands,
                                                           by: principal, in: tx)
                }
                return WebRoutes.redirect("/billing-rules?saved=1#payer-group-rules")
            } catch let error as DomainError where error.kind == .unprocessable {
                return try await Self.refused(principal: principal, refusal: .init(payerID: payerID, fields: fields, field: error.field, message: error.message), dependencies: app)
            }
        }
        router.post("/billing-rules/module-settings") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.billingRulesManage)
            let form = try await Self.fields(request)
            let fields = form.values
            do {
                try form.refuseControlCharacters()
                let change = try BillingSettingsForms.moduleSettings(fields)
                _ = try await database.withTenant(principal.organizationID) { tx in
                    try await ModuleSettings.update(change, by: principal, in: tx)
                }
                return WebRoutes.redirect("/billing-rules?saved=1#module-settings")
            } catch let error as DomainError where error.kind == .unprocessable {
                return try await Self.refused(principal: principal, refusal: .init(payerID: nil, fields: fields, field: error.field, message: error.message), dependencies: app)
            }
        }

    }

    /// The page again, 422, with the refused form reopened.
    static func refused(principal: Principal, refusal: BillingSettingsSections.Refusal, dependencies: AppDependencies) async throws -> Response {
        let database = dependencies.database
        let home = try await HomeQuery.load(principal, database: database)
        let (effective, stored, settings) = try await database.withTenant(principal.organizationID) { tx in
            (await dependencies.jurisdictions.resolve(siteID: nil, in: tx), try await JurisdictionProfileStore.stored(siteID: nil, in: tx),
             try await BillingSettingsSections.load(in: tx))
        }
        var model = settings
        model.refusal = refusal
        return WebRoutes.html(BillingRulesPage.render(home: home, principal: principal, effective: effective, canEdit: true, form: BillingRulesForm.values(from: stored),
                                                      settings: model), status: .unprocessableContent)
    }

    static func fields(_ request: Request) async throws -> FormFields {
        try await FormBody.read(request, upTo: 16 * 1024)
    }
}
