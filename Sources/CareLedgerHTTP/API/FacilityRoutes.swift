import Foundation
public import Hummingbird
import Platform

/// `/api/v1/facilities`: the organization's facilities, and adding one.
public struct FacilityRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateFacility: Decodable {
        let siteId: UUID
        let name: String
        let stateCode: String
        let timeZone: String
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("Facility", .object([("id", .string(format: "uuid")), ("site_id", .string(format: "uuid")), ("name", .string()),
                                                ("state_code", .string()), ("time_zone", .string())],
                                               required: ["id", "site_id", "name", "state_code", "time_zone"]))

        registry.add(router, .get, "/api/v1/facilities", summary: "Facilities of the organization", permission: nil,
                     response: .array(.ref("Facility")), errors: [401]) { _, context in
            let principal = try context.requirePrincipal()
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await Organizations.facilities(in: tx) })
        }

        registry.add(router, .post, "/api/v1/facilities", summary: "Add a facility", permission: .organizationManage,
                     request: .object([("site_id", .string(format: "uuid")), ("name", .text()), ("state_code", .string(pattern: "^[A-Z]{2}$")),
                                       ("time_zone", .string(enumeration: Organizations.timeZoneIdentifiers))],
                                      required: ["site_id", "name", "state_code", "time_zone"]),
                     response: .ref("Facility"), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.organizationManage)
            let body = try await request.decodeJSON(CreateFacility.self, context: context)
            let facility = try await database.withTenant(principal.organizationID, correlationID: UUID.random()) { tx in
                try await Organizations.createFacility(siteID: body.siteId, name: body.name, stateCode: body.stateCode, timeZone: body.timeZone,
                                                       by: principal, in: tx)
            }
            return JSONResponse(facility, status: .created)
        }
    }
}
