import Foundation
public import Hummingbird
import Platform

/// `/api/v1/me`: the signed-in principal, its organization and permissions.
public struct MeRoutes: Sendable {
    let dependencies: AppDependencies

    struct Me: Codable, Sendable {
        let organizationId: UUID
        let organizationName: String
        let userId: UUID?
        let displayName: String?
        let defaultFacilityId: UUID?
        let permissions: [String]
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
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
    }
}
