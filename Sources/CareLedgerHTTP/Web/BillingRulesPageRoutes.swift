import Foundation
public import Hummingbird
import Platform

/// `/billing-rules`: the effective rules page and the administrators' edit form.
public struct BillingRulesPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        router.get("/billing-rules") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            let home = try await HomeQuery.load(principal, database: database)
            let (effective, stored, settings) = try await database.withTenant(principal.organizationID) { tx in
                (await jurisdictions.resolve(siteID: nil, in: tx), try await JurisdictionProfileStore.stored(siteID: nil, in: tx),
                 try await BillingSettingsSections.load(in: tx))
            }
            return WebRoutes.html(BillingRulesPage.render(home: home, principal: principal, effective: effective, canEdit: principal.has(.billingRulesManage),
                                                          form: BillingRulesForm.values(from: stored), settings: settings,
                                                          saved: request.uri.queryParameters["saved"] != nil))
        }
        router.post("/billing-rules") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.billingRulesManage)
            let fields = try await FormBody.read(request, upTo: 64 * 1024)
            let form = BillingRulesForm.values(from: fields.values)
            var (profile, errors) = BillingRulesForm.profile(from: form)
            if let refusal = fields.refusal {
                profile = nil
                errors[BillingRulesForm.path(ofInput: refusal.field ?? "")] = refusal.message
            }
            guard let profile else {
                let home = try await HomeQuery.load(principal, database: database)
                let (effective, settings) = try await database.withTenant(principal.organizationID) { tx in
                    (await jurisdictions.resolve(siteID: nil, in: tx), try await BillingSettingsSections.load(in: tx))
                }
                return WebRoutes.html(BillingRulesPage.render(home: home, principal: principal, effective: effective, canEdit: true, form: form, settings: settings,
                                                              errors: errors), status: .unprocessableContent)
            }
            try await database.withTenant(principal.organizationID) { tx in
                try await JurisdictionProfileStore.save(profile, siteID: nil, by: principal, in: tx)
            }
            jurisdictions.invalidate(organizationID: principal.organizationID)
            return WebRoutes.redirect("/billing-rules?saved=1")
        }
        BillingSettingsPageRoutes(dependencies: dependencies).register(on: router)
    }
}
