import Foundation
public import Hummingbird
import PostgresNIO
public import Platform

/// `/api/v1` routes of the platform: who am I, facilities, tokens, audit log.
public struct PlatformRoutes: Sendable {
    let dependencies: AppDependencies

    struct Me: Codable, Sendable {
        let organizationId: UUID
        let organizationName: String
        let userId: UUID?
        let displayName: String?
        let defaultFacilityId: UUID?
        let permissions: [String]
    }

    struct CreateFacility: Decodable {
        let siteId: UUID
        let name: String
        let stateCode: String
        let timeZone: String
    }

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

    struct AuditRow: Codable, Sendable {
        let id: Int
        let occurredAt: Date
        let actorUserId: UUID?
        let actorTokenId: UUID?
        let action: String
        let entityType: String
        let entityId: String?
        let reason: String?
        let correlationId: UUID?
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("Facility", .object([("id", .string(format: "uuid")), ("site_id", .string(format: "uuid")), ("name", .string()),
                                                ("state_code", .string()), ("time_zone", .string())],
                                               required: ["id", "site_id", "name", "state_code", "time_zone"]))

        registry.add(router, .get, "/api/v1/me", summary: "The signed-in principal, its organization and permissions",
                     permission: nil, response: .object([("organization_id", .string(format: "uuid")), ("organization_name", .string()),
                                                         ("user_id", .nullable(.string(format: "uuid"))), ("display_name", .nullable(.string())),
                                                         ("default_facility_id", .nullable(.string(format: "uuid"))),
                                                         ("permissions", .array(.string()))],
                                                        required: ["organization_id", "organization_name", "permissions"]),
                     errors: [401]) { _, context in
            let principal = try context.requirePrincipal()
            let home = try await HomeQuery.load(principal, database: database)
            return JSONResponse(Me(organizationId: principal.organizationID, organizationName: home.organizationName, userId: principal.userID,
                                   displayName: home.displayName, defaultFacilityId: home.facility?.id,
                                   permissions: principal.permissions.map(\.rawValue).sorted()))
        }

        registry.add(router, .get, "/api/v1/facilities", summary: "Facilities of the organization", permission: nil,
                     response: .array(.ref("Facility")), errors: [401]) { _, context in
            let principal = try context.requirePrincipal()
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await FacilityQuery.all(in: tx) })
        }

        registry.add(router, .post, "/api/v1/facilities", summary: "Add a facility", permission: .organizationManage,
                     request: .object([("site_id", .string(format: "uuid")), ("name", .string()), ("state_code", .string()),
                                       ("time_zone", .string())], required: ["site_id", "name", "state_code", "time_zone"]),
                     response: .ref("Facility"), status: 201) { request, context in
            let principal = try context.require(.organizationManage)
            let body = try await request.decodeJSON(CreateFacility.self, context: context)
            guard !body.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.invalid("name", "A facility needs a name.") }
            let facility = try await database.withTenant(principal.organizationID, correlationID: UUID()) { tx in
                let facility = try await Organizations.createFacility(siteID: body.siteId, name: body.name, stateCode: body.stateCode,
                                                                      timeZone: body.timeZone, in: tx)
                try await AuditLog.record(AuditEntry(action: "facility.created", entityType: "facility", entityID: facility.id.uuidString),
                                          by: principal, in: tx)
                return facility
            }
            return JSONResponse(facility, status: .created)
        }

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
                let minted = try await ApiTokens.create(organizationID: tx.organizationID, name: body.name, scopes: scopes, userID: principal.userID,
                                                        lifetime: .seconds(days * 86_400), on: tx.connection, logger: tx.logger)
                try await AuditLog.record(AuditEntry(action: "api-token.created", entityType: "api_token", entityID: minted.id.uuidString,
                                                     details: ["scopes": scopes.map(\.rawValue).joined(separator: " ")]), by: principal, in: tx)
                return MintedToken(id: minted.id, token: minted.secret, expiresAt: minted.expiresAt)
            }
            return JSONResponse(minted, status: .created)
        }

        registry.add(router, .get, "/api/v1/audit-log", summary: "Recent audit entries (ids and codes only)", permission: .auditRead,
                     response: .array(.object([("id", .integer), ("occurred_at", .string(format: "date-time")), ("action", .string()),
                                               ("entity_type", .string()), ("entity_id", .nullable(.string())), ("reason", .nullable(.string()))],
                                              required: ["id", "occurred_at", "action", "entity_type"]))) { request, context in
            let principal = try context.require(.auditRead)
            let page = try Pagination(request)
            let rows = try await database.withTenant(principal.organizationID) { tx in
                var rows: [AuditRow] = []
                for try await (id, at, user, token, action, type, entity, reason, correlation) in try await tx.query("""
                    SELECT id, occurred_at, actor_user_id, actor_token_id, action, entity_type, entity_id, reason, correlation_id
                    FROM pf_audit_log ORDER BY id DESC LIMIT \(page.limit) OFFSET \(page.offset)
                    """).decode((Int, Date, UUID?, UUID?, String, String, String?, String?, UUID?).self) {
                    rows.append(AuditRow(id: id, occurredAt: at, actorUserId: user, actorTokenId: token, action: action, entityType: type,
                                         entityId: entity, reason: reason, correlationId: correlation))
                }
                return rows
            }
            return JSONResponse(rows)
        }
    }
}

/// `?limit=&offset=` with sane bounds; out-of-range values answer 422.
public struct Pagination: Sendable {
    public let limit: Int
    public let offset: Int

    public init(_ request: Request, defaultLimit: Int = 50) throws {
        let query = request.uri.queryParameters
        if let raw = query["limit"] {
            guard let value = Int(String(raw)), (1...500).contains(value) else { throw DomainError.invalid("limit", "limit is a whole number from 1 to 500.") }
            limit = value
        } else { limit = defaultLimit }
        if let raw = query["offset"] {
            guard let value = Int(String(raw)), value >= 0 else { throw DomainError.invalid("offset", "offset is a whole number, 0 or more.") }
            offset = value
        } else { offset = 0 }
    }
}

/// The organization, user and default facility a principal's pages and `/me` show.
public struct HomeQuery: Sendable {
    public let organizationName: String
    public let displayName: String?
    public let facility: Facility?

    public static func load(_ principal: Principal, database: Database) async throws -> HomeQuery {
        try await database.withTenant(principal.organizationID) { tx in
            var organizationName = ""
            for try await name in try await tx.query("SELECT name FROM pf_organizations").decode(String.self) { organizationName = name }
            var displayName: String?
            var facility: Facility?
            if let userID = principal.userID {
                for try await (name, fid, site, fname, state, zone) in try await tx.query("""
                    SELECT u.display_name, f.id, f.site_id, f.name, f.state_code, f.time_zone
                    FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id
                    LEFT JOIN pf_facilities f ON f.organization_id = m.organization_id AND f.id = m.default_facility_id
                    WHERE m.user_id = \(userID)
                    """).decode((String, UUID?, UUID?, String?, String?, String?).self) {
                    displayName = name
                    if let fid, let site, let fname, let state, let zone {
                        facility = Facility(id: fid, siteID: site, name: fname, stateCode: state, timeZone: zone)
                    }
                }
            }
            return HomeQuery(organizationName: organizationName, displayName: displayName, facility: facility)
        }
    }
}

enum FacilityQuery {
    static func all(in tx: TenantTransaction) async throws -> [Facility] {
        var facilities: [Facility] = []
        for try await (id, site, name, state, zone) in try await tx.query(
            "SELECT id, site_id, name, state_code, time_zone FROM pf_facilities ORDER BY name").decode((UUID, UUID, String, String, String).self) {
            facilities.append(Facility(id: id, siteID: site, name: name, stateCode: state, timeZone: zone))
        }
        return facilities
    }
}
