public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/patients`.
public struct PatientRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreatePatient: Decodable {
        let mrn: String
        let givenName: String
        let familyName: String
        let dateOfBirth: String
    }

    /// A calendar date from 1900 on, as `Patients.create` accepts a birth date.
    static let birthDate = Schema.string(format: "date", pattern: "^(19[0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("Patient", .object([("id", .string(format: "uuid")), ("mrn", .string()), ("given_name", .string()),
                                               ("family_name", .string()), ("date_of_birth", .string(format: "date"))],
                                              required: ["id", "mrn", "given_name", "family_name", "date_of_birth"]))
        registry.add(router, .get, "/api/v1/patients", summary: "Patients of the organization", permission: .patientsRead,
                     response: .array(.ref("Patient")), errors: [422]) { request, context in
            let principal = try context.require(.patientsRead)
            let page = try Pagination(request)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Patients.list(limit: page.limit, offset: page.offset, in: tx)
            })
        }
        registry.add(router, .get, "/api/v1/patients/:id", summary: "One patient", permission: .patientsRead,
                     response: .ref("Patient"), errors: [404]) { _, context in
            let principal = try context.require(.patientsRead)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await Patients.find(id, in: tx) })
        }
        registry.add(router, .post, "/api/v1/patients", summary: "Register a patient", permission: .patientsManage,
                     request: .object([("mrn", .text(1...40)), ("given_name", .string(length: 1...100)), ("family_name", .string(length: 1...100)), ("date_of_birth", Self.birthDate)],
                                      required: ["mrn", "given_name", "family_name", "date_of_birth"]),
                     response: .ref("Patient"), status: 201, errors: [409]) { request, context in
            let principal = try context.require(.patientsManage)
            let body = try await request.decodeJSON(CreatePatient.self, context: context)
            let patient = try await database.withTenant(principal.organizationID) { tx in
                try await Patients.create(mrn: body.mrn, givenName: body.givenName, familyName: body.familyName, dateOfBirth: body.dateOfBirth,
                                          by: principal, in: tx)
            }
            return JSONResponse(patient, status: .created)
        }
    }
}
