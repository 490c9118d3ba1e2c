import Foundation
public import Hummingbird
import Platform

/// `/api/v1/tokens`: minting an API token for the organization (its secret is shown once), listing
/// the organization's tokens and revoking one.
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

    static let tokenSchema: Schema = .object([
        ("id", .string(format: "uuid")), ("name", .string()), ("scopes", .array(.string())), ("user_id", .nullable(.string(format: "uuid"))),
        ("created_at", .string(format: "date-time")), ("expires_at", .string(format: "date-time")),
        ("revoked_at", .nullable(.string(format: "date-time"))), ("status", .string(enumeration: ["active", "revoked", "expired"])),
    ], required: ["id", "name", "scopes", "created_at", "expires_at", "status"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let cache = dependencies.tokens
        registry.component("ApiToken", Self.tokenSchema)

        registry.add(router, .post, "/api/v1/tokens", summary: "Mint an API token for this organization (shown once); a scope the caller does not hold answers 403",
                     permission: .usersManage,
                     request: .object([("name", .text(1...200)), ("scopes", .arrayOf(.string(), count: 1...Int.max)), ("expires_in_days", .integerIn(1...366))], required: ["name", "scopes"]),
                     response: .object([("id", .string(format: "uuid")), ("token", .string()), ("expires_at", .string(format: "date-time"))],
                                       required: ["id", "token", "expires_at"]), status: 201) { request, context in
            let principal = try context.require(.usersManage)
            let body = try await request.decodeJSON(CreateToken.self, context: context)
            let days = body.expiresInDays ?? 90
            guard (1...366).contains(days) else { throw DomainError.invalid("expires_in_days", "Tokens last 1 to 366 days.") }
            let scopes = body.scopes.map(PermissionKey.init(rawValue:))
            if let beyond = scopes.first(where: { !principal.has($0) }) {
                // A missing authority, not a malformed request: any string may name a scope, and one the
                // caller lacks (or that is no permission at all) is theirs to ask an administrator for.
                throw DomainError(.forbidden, code: "SCOPE_NOT_HELD", message: "You cannot grant \(beyond.rawValue), which you do not hold.", field: "scopes")
            }
            let minted = try await database.withTenant(principal.organizationID) { tx in
                try await ApiTokens.mint(name: body.name, scopes: scopes, lifetime: .seconds(days * 86_400), by: principal, in: tx)
            }
            return JSONResponse(MintedToken(id: minted.id, token: minted.secret, expiresAt: minted.expiresAt), status: .created)
        }

        registry.add(router, .get, "/api/v1/tokens", summary: "This organization's API tokens (never their secrets), newest first",
                     permission: .usersManage, response: .array(.ref("ApiToken"))) { _, context in
            let principal = try context.require(.usersManage)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await ApiTokens.list(organizationID: tx.organizationID, on: tx.connection, logger: tx.logger)
            })
        }

        registry.add(router, .post, "/api/v1/tokens/:id/revoke", summary: "Revoke an API token; it stops working within the token cache's few seconds",
                     permission: .usersManage, response: .ref("ApiToken"), errors: [404, 409]) { _, context in
            let principal = try context.require(.usersManage)
            let id = try context.pathID("id")
            let token = try await database.withTenant(principal.organizationID) { tx in try await ApiTokens.revoke(id, by: principal, in: tx) }
            cache.evict(tokenID: id)
            return JSONResponse(token)
        }
    }
}
