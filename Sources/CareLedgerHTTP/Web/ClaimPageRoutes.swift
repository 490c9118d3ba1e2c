import CareLedgerApp
import Foundation
public import Hummingbird
import NIOCore
import Platform
import PracticeManagement

/// `/claims` pages: the list, a claim's page with its tabs and 837P download, and the plain-form
/// actions (create claims for a session, check again, export). Actions redirect to a page that
/// says what they did.
public struct ClaimPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions

        router.get("/claims") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsRead)
            let query = request.uri.queryParameters
            var outcome: Outcome?
            if query["done"] == "created", let count = query["count"].flatMap({ Int(String($0)) }) {
                let unclaimed = query["unclaimed"].flatMap { Int(String($0)) } ?? 0
                outcome = .success("Made \(count) claim\(count == 1 ? "" : "s") for the session; it is now locked",
                                   (unclaimed > 0 ? "\(unclaimed) charge\(unclaimed == 1 ? " was" : "s were") left out: open the session to see why. " : "")
                                   + "They are listed below, ready to check and send.")
            }
            return try await Self.listPage(request, principal: principal, database: database, outcome: outcome)
        }

        // The "Create claims" button's target: builds and locks, then lists what it made.
        router.post("/claims") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsManage)
            let fields = try await FormBody.read(request, upTo: 4 * 1024)
            do {
                try fields.refuseControlCharacters()
                guard let session = fields["session_id"].flatMap(UUID.init(uuidString:)) else {
                    throw DomainError.invalid("session_id", "The form names no session.")
                }
                let built = try await ClaimBuilding.build(.groupSession(session), principal: principal, database: database, jurisdictions: jurisdictions)
                return WebRoutes.redirect("/claims?session_id=\(session.uuidString.lowercased())&done=created&count=\(built.claims.count)"
                                          + "&unclaimed=\(built.unclaimedCharges.count)")
            } catch let error as DomainError where [.unprocessable, .notFound, .conflict].contains(error.kind) {
                return try await Self.listPage(request, principal: principal, database: database,
                                               outcome: .refusal("No claims were made", error.message, code: error.code),
                                               status: error.kind == .conflict ? .conflict : .unprocessableContent)
            }
        }

        router.get("/claims/:id") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsRead)
            let id = try context.pathID("id")
            let tab = request.uri.queryParameters["tab"].flatMap { ClaimPages.Tab(rawValue: String($0)) } ?? .validation
            let home = try await HomeQuery.load(principal, database: database)
            let (row, detail, edi) = try await database.withTenant(principal.organizationID) { tx -> (ClaimWorklistRow, ClaimDetail, Result<String, DomainErrorText>?) in
                let row = try await ClaimWorklist.row(id, in: tx)
                let detail = try await Claims.find(id, in: tx)
                guard tab == .edi else { return (row, detail, nil) }
                do {
                    return (row, detail, .success(try await ClaimEDIExport.preview(claimID: id, jurisdictions: jurisdictions, in: tx).content))
                } catch let error as DomainError {
                    return (row, detail, .failure(DomainErrorText(message: error.message)))
                }
            }
            return WebRoutes.html(ClaimPages.detail(home: home, principal: principal, row: row, detail: detail, tab: tab, edi: edi))
        }

        // The file as it would be sent now: takes no control number and marks nothing sent.
        router.get("/claims/:id/837p") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsRead)
            let id = try context.pathID("id")
            let interchange = try await database.withTenant(principal.organizationID) { tx in
                try await ClaimEDIExport.preview(claimID: id, jurisdictions: jurisdictions, in: tx)
            }
            return ClaimEDIResponse.make(interchange, preview: true)
        }

        // Sends the claim: the interchange takes the next control number and the claim is marked sent.
        router.post("/claims/:id/export") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsManage)
            let id = try context.pathID("id")
            let interchange = try await database.withTenant(principal.organizationID) { tx in
                try await ClaimEDIExport.export(claimIDs: [id], jurisdictions: jurisdictions, by: principal, in: tx)
            }
            return ClaimEDIResponse.make(interchange, preview: false)
        }

        router.post("/claims/:id/scrub") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsManage)
            let id = try context.pathID("id")
            try await database.withTenant(principal.organizationID) { tx in
                try await ClaimScrubber.scrub(claimID: id, jurisdictions: jurisdictions, in: tx)
            }
            return WebRoutes.redirect("/claims/\(id.uuidString.lowercased())?tab=validation")
        }
    }

    static func listPage(_ request: Request, principal: Principal, database: Database, outcome: Outcome? = nil,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let query = try ClaimListFilters.read(request)
        let home = try await HomeQuery.load(principal, database: database)
        let (rows, payers) = try await database.withTenant(principal.organizationID) { tx in
            (try await ClaimWorklist.list(query.filter, in: tx), try await Payers.list(in: tx))
        }
        return WebRoutes.html(ClaimPages.list(home: home, principal: principal, rows: rows, payers: payers, query: query, outcome: outcome),
                              status: status)
    }
}

/// The claims page's query string: empty fields mean "any"; a malformed value is refused naming it.
enum ClaimListFilters {
    static func read(_ request: Request) throws -> ClaimPages.ListQuery {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            guard let raw = query[Substring(name)] else { return nil }
            let text = String(raw).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        var result = ClaimPages.ListQuery()
        let page = try Pagination(request, defaultLimit: 100)
        result.filter.limit = page.limit
        result.filter.offset = page.offset
        if let raw = value("status") {
            guard let status = ClaimStatus(rawValue: raw) else { throw DomainError.invalid("status", "Choose a status from the list.") }
            result.filter.status = status
        }
        if let raw = value("payer_id") {
            guard let id = UUID(uuidString: raw) else { throw DomainError.invalid("payer_id", "Choose a payer from the list.") }
            result.filter.payerID = id
        }
        if let raw = value("session_id") {
            guard let id = UUID(uuidString: raw) else { throw DomainError.invalid("session_id", "The link names no session.") }
            result.filter.groupSessionID = id
        }
        for (name, keyPath) in [("from", \ClaimWorklistFilter.serviceFrom), ("to", \ClaimWorklistFilter.serviceTo)] {
            guard let raw = value(name) else { continue }
            guard let date = ServiceDate(raw) else { throw DomainError.invalid(name, "Enter a date as YYYY-MM-DD.") }
            result.filter[keyPath: keyPath] = date
        }
        result.from = value("from") ?? ""
        result.to = value("to") ?? ""
        if let search = value("q") {
            result.search = String(search.prefix(100))
            result.filter.search = result.search
        }
        return result
    }
}
