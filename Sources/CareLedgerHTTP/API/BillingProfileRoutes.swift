import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/billing-profile` and `/api/v1/patients/:id/claim-facts`: the stored facts an 837P
/// needs beyond charges. The profile is the organization's legal identity (NPI, EIN), so changing
/// it takes `platform.organization.manage`; billing staff read it with `pm.claims.read`.
public struct BillingProfileRoutes: Sendable {
    let dependencies: AppDependencies

    /// The profile's fields in API spelling (the model's `submitterID` would decode from `submitter_id` only as `submitterId`).
    struct ProfileBody: Codable, Sendable {
        let legalName: String
        let npi: String
        let ein: String
        let taxonomyCode: String?
        let addressLine1: String
        let addressLine2: String?
        let city: String
        let stateCode: String
        let postalCode: String
        let submitterId: String
        let submitterContactName: String
        let submitterPhone: String?
        let submitterEmail: String?
        let receiverName: String
        let receiverId: String
        let defaultPlaceOfService: String?
        let usage: String?

        var profile: BillingProfile {
            BillingProfile(legalName: legalName, npi: npi, ein: ein, taxonomyCode: taxonomyCode, addressLine1: addressLine1, addressLine2: addressLine2,
                           city: city, stateCode: stateCode, postalCode: postalCode, submitterID: submitterId, submitterContactName: submitterContactName,
                           submitterPhone: submitterPhone, submitterEmail: submitterEmail, receiverName: receiverName, receiverID: receiverId,
                           defaultPlaceOfService: defaultPlaceOfService ?? "11", usage: usage ?? "test")
        }
    }

    struct FactsBody: Decodable {
        let sex: String?
        let addressLine1: String?
        let addressLine2: String?
        let city: String?
        let stateCode: String?
        let postalCode: String?
        let diagnosisCodes: [String]
    }

    static let profileSchema: Schema = .object([
        ("legal_name", .string()), ("npi", .string()), ("ein", .string()), ("taxonomy_code", .nullable(.string())), ("address_line1", .string()),
        ("address_line2", .nullable(.string())), ("city", .string()), ("state_code", .string()), ("postal_code", .string()),
        ("submitter_id", .string()), ("submitter_contact_name", .string()), ("submitter_phone", .nullable(.string())),
        ("submitter_email", .nullable(.string())), ("receiver_name", .string()), ("receiver_id", .string()),
        ("default_place_of_service", .string()), ("usage", .string(enumeration: ["test", "production"])),
    ], required: ["legal_name", "npi", "ein", "address_line1", "city", "state_code", "postal_code", "submitter_id", "submitter_contact_name",
                  "receiver_name", "receiver_id"])

    static let factsSchema: Schema = .object([
        ("sex", .nullable(.string(enumeration: ["F", "M", "U"]))), ("address_line1", .nullable(.string())), ("address_line2", .nullable(.string())),
        ("city", .nullable(.string())), ("state_code", .nullable(.string())), ("postal_code", .nullable(.string())),
        ("diagnosis_codes", .array(.string())),
    ], required: ["diagnosis_codes"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("BillingProfile", Self.profileSchema)
        registry.component("PatientClaimFacts", Self.factsSchema)

        registry.add(router, .get, "/api/v1/billing-profile", summary: "The organization's billing profile (404 until it is set)",
                     permission: .claimsRead, response: .ref("BillingProfile"), errors: [404]) { _, context in
            let principal = try context.require(.claimsRead)
            guard let profile = try await database.withTenant(principal.organizationID, { tx in try await BillingProfiles.find(in: tx) }) else {
                throw DomainError.notFound("billing profile")
            }
            return JSONResponse(profile)
        }

        registry.add(router, .put, "/api/v1/billing-profile", summary: "Set the billing profile (NPI check digit, EIN, ZIP+4 are checked)",
                     permission: .organizationManage, request: .ref("BillingProfile"), response: .ref("BillingProfile")) { request, context in
            let principal = try context.require(.organizationManage)
            let body = try await request.decodeJSON(ProfileBody.self, context: context)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await BillingProfiles.save(body.profile, by: principal, in: tx)
            })
        }

        registry.add(router, .get, "/api/v1/patients/:id/claim-facts", summary: "A patient's sex, address and diagnoses (as claims use them)",
                     permission: .patientsRead, response: .ref("PatientClaimFacts"), errors: [404]) { _, context in
            let principal = try context.require(.patientsRead)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await Patients.claimFacts(id, in: tx) })
        }

        registry.add(router, .put, "/api/v1/patients/:id/claim-facts",
                     summary: "Replace a patient's sex, address and ordered diagnoses (ICD-10-CM; a claim uses the first 12)",
                     permission: .patientsManage, request: .ref("PatientClaimFacts"), response: .ref("PatientClaimFacts"), errors: [404]) { request, context in
            let principal = try context.require(.patientsManage)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(FactsBody.self, context: context)
            let facts = PatientClaimFacts(sex: body.sex, addressLine1: body.addressLine1, addressLine2: body.addressLine2, city: body.city,
                                          stateCode: body.stateCode, postalCode: body.postalCode, diagnosisCodes: body.diagnosisCodes)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Patients.saveClaimFacts(facts, patientID: id, by: principal, in: tx)
            })
        }
    }
}
