import Finance
import Foundation
import Hummingbird
import Platform

/// The finance page's contract forms: new and edit pages, and their posts. A save redirects to
/// the finance page (post/redirect/get); a refused one shows the form again with what was typed,
/// 422 naming the field (409 when the contract changed since the form was opened).
struct VBPContractPageRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/finance/vbp/contracts/new") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.vbpManage)
            return try await Self.form(principal: principal, contractID: nil, fields: ["incentive_kind": "fixed_amount", "withhold": "0.00"], database: database)
        }
        router.get("/finance/vbp/contracts/:id/edit") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.vbpManage)
            let id = try context.pathID("id")
            let contract = try await database.withTenant(principal.organizationID) { tx in try await VBPContracts.find(id, in: tx) }
            return try await Self.form(principal: principal, contractID: id, fields: VBPContractForm.values(contract), database: database)
        }
        router.post("/finance/vbp/contracts") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.vbpManage)
            let form = try await BillingSettingsPageRoutes.fields(request)
            let fields = form.values
            do {
                try form.refuseControlCharacters()
                let draft = try VBPContractForm(fields: fields).body().draft()
                _ = try await database.withTenant(principal.organizationID) { tx in try await VBPContracts.create(draft, by: principal, in: tx) }
                return WebRoutes.redirect("/finance/vbp?saved=contract#contracts")
            } catch let error as DomainError where error.kind == .unprocessable {
                return try await Self.form(principal: principal, contractID: nil, fields: fields, refusal: error, database: database)
            }
        }
        router.post("/finance/vbp/contracts/:id") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.vbpManage)
            let id = try context.pathID("id")
            let form = try await BillingSettingsPageRoutes.fields(request)
            let fields = form.values
            do {
                try form.refuseControlCharacters()
                let body = try VBPContractForm(fields: fields).body()
                guard let version = body.version else { throw DomainError.invalid("version", "Open the contract again: the form lost its version.") }
                let draft = try body.draft()
                _ = try await database.withTenant(principal.organizationID) { tx in
                    try await VBPContracts.update(id, draft, expectedVersion: version, by: principal, in: tx)
                }
                return WebRoutes.redirect("/finance/vbp?saved=contract#contracts")
            } catch let error as DomainError where error.kind == .unprocessable || error.kind == .conflict {
                return try await Self.form(principal: principal, contractID: id, fields: fields, refusal: error, database: database)
            }
        }
    }

    static func form(principal: Principal, contractID: UUID?, fields: [String: String], refusal: DomainError? = nil,
                     database: Database) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let payers = try await database.withTenant(principal.organizationID) { tx in try await PayerLookup.all(in: tx) }
        let page = VBPContractPage.render(home: home, principal: principal,
                                          model: .init(contractID: contractID, fields: fields, payers: payers, refusal: refusal))
        return WebRoutes.html(page, status: refusal.map { $0.kind == .conflict ? .conflict : .unprocessableContent } ?? .ok)
    }
}
