import CareLedgerApp
import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/claims` pages: the list, a claim's detail with its tabs, and the plain-form actions
/// (create claims for a session, scrub again).
public struct ClaimPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions

        router.get("/claims") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsRead)
            return try await Self.listPage(request, principal: principal, database: database)
        }

        // The "Create claims" button's target: builds and locks, then shows the first claim made.
        router.post("/claims") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsManage)
            var body = request
            let fields = Dictionary(FormBody.pairs(String(buffer: try await body.collectBody(upTo: 4 * 1024))), uniquingKeysWith: { $1 })
            guard let session = fields["session_id"].flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid("session_id", "The form names no session.")
            }
            do {
                let built = try await ClaimBuilding.build(.groupSession(session), principal: principal, database: database, jurisdictions: jurisdictions)
                guard let first = built.claims.first else { return WebRoutes.redirect("/claims") }
                return WebRoutes.redirect("/claims/\(first.claim.id.uuidString.lowercased())")
            } catch let error as DomainError where [.unprocessable, .notFound, .conflict].contains(error.kind) {
                return try await Self.listPage(request, principal: principal, database: database, message: error.message,
                                               status: error.kind == .conflict ? .conflict : .unprocessableContent)
            }
        }

        router.get("/claims/:id") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.claimsRead)
            let id = try context.pathID("id")
            let tab = request.uri.queryParameters["tab"].flatMap { ClaimPages.Tab(rawValue: String($0)) } ?? .validation
            let home = try await HomeQuery.load(principal, database: database)
            let (detail, edi) = try await database.withTenant(principal.organizationID) { tx -> (ClaimDetail, Result<String, DomainErrorText>?) in
                let detail = try await Claims.find(id, in: tx)
                guard tab == .edi else { return (detail, nil) }
                do {
                    return (detail, .success(try await ClaimEDIExport.preview(claimID: id, jurisdictions: jurisdictions, in: tx).content))
                } catch let error as DomainError {
                    return (detail, .failure(DomainErrorText(message: error.message)))
                }
            }
            return WebRoutes.html(ClaimPages.detail(home: home, detail: detail, tab: tab, edi: edi, canScrub: principal.has(.claimsManage)))
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

    static func listPage(_ request: Request, principal: Principal, database: Database, message: String? = nil,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let (statusFilter, patient) = try ClaimListQuery.filters(request)
        let page = try Pagination(request)
        let home = try await HomeQuery.load(principal, database: database)
        let claims = try await database.withTenant(principal.organizationID) { tx in
            try await Claims.list(status: statusFilter, patientID: patient, limit: page.limit, offset: page.offset, in: tx)
        }
        return WebRoutes.html(ClaimPages.list(home: home, claims: claims, status: statusFilter, message: message), status: status)
    }
}
