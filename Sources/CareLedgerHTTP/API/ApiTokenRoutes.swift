import Foundation
public import Hummingbird
import Platform

/// `/api/v1/tokens`: minting an API token for the organization (its secret is shown once).
public struct ApiTokenRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateToken: Decodable {
        let name: String
        let scopes: [String]
        let expiresInDays: Int?
    }

    struct MintedToken: Codable, Sendable {
        let id: UUID
        let token: String
        let expiresAt: Date
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .post, "/api/v1/tokens", summary: "Mint an API token for this organization (shown once)",
                     permission: .usersManage,
                     request: .object([("name", .string()), ("scopes", .array(.string())), ("expires_in_days", .integer)], required: ["name", "scopes"]),
                     response: .object([("id", .string(format: "uuid")), ("token", .string()), ("expires_at", .string(format: "date-time"))],
                                       required: ["id", "token", "expires_at"]), status: 201) { request, context in
            let principal = try context.require(.usersManage)
            let body = try await request.decodeJSON(CreateToken.self, context: context)
            let days = body.expiresInDays ?? 90
            guard (1...366).contains(days) else { throw DomainError.invalid("expires_in_days", "Tokens last 1 to 366 days.") }
            let scopes = body.scopes.map(PermissionKey.init(rawValue:))
            if let beyond = scopes.first(where: { !principal.has($0) }) {
                throw DomainError.invalid("scopes", "You cannot grant \(beyond.rawValue), which you do not hold.")
            }
            let minted = try await database.withTenant(principal.organizationID) { tx in
                try await ApiTokens.mint(name: body.name, scopes: scopes, lifetime: .seconds(days * 86_400), by: principal, in: tx)
            }
            return JSONResponse(MintedToken(id: minted.id, token: minted.secret, expiresAt: minted.expiresAt), status: .created)
        }
    }
}
