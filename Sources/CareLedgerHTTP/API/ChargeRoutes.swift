import Foundation
import HTTPTypes
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/charges`: preview and capture individual-encounter charges; void, never delete.
public struct ChargeRoutes: Sendable {
    let dependencies: AppDependencies

    struct EncounterBody: Decodable {
        let patientId: UUID
        let siteId: UUID?
        let serviceDate: String
        let serviceType: String
        let minutes: Int
        let isGroup: Bool?
        let isFamily: Bool?
        let patientPresent: Bool?
        let telehealth: String?
        let isCourtOrdered: Bool?
        let isFamilySupportPartner: Bool?
        let payerId: UUID?

        func input() throws -> EncounterInput {
            guard let date = ServiceDate(serviceDate) else { throw DomainError.invalid("service_date", "Use the form YYYY-MM-DD.") }
            var modality: TelehealthModality?
            if let telehealth {
                guard let known = TelehealthModality(rawValue: telehealth) else {
                    throw DomainError.invalid("telehealth", "Use audio_video, audio_only or store_forward (or leave it out for in person).")
                }
                modality = known
            }
            return EncounterInput(patientID: patientId, siteID: siteId, serviceDate: date, serviceType: serviceType, minutes: minutes,
                                  isGroup: isGroup ?? false, isFamily: isFamily ?? false, patientPresent: patientPresent, telehealth: modality,
                                  isCourtOrdered: isCourtOrdered ?? false, isFamilySupportPartner: isFamilySupportPartner ?? false, payerID: payerId)
        }
    }

    struct VoidBody: Decodable { let reason: String }

    static let encounterSchema: Schema = .object([
        ("patient_id", .string(format: "uuid")), ("site_id", .string(format: "uuid")), ("service_date", .string(format: "date")),
        ("service_type", .text()), ("minutes", .integerIn(0...1440)), ("is_group", .boolean), ("is_family", .boolean), ("patient_present", .boolean),
        ("telehealth", .string(enumeration: TelehealthModality.allCases.map(\.rawValue))), ("is_court_ordered", .boolean),
        ("is_family_support_partner", .boolean), ("payer_id", .string(format: "uuid")),
    ], required: ["patient_id", "service_date", "service_type", "minutes"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let capture = ChargeCapture(resolver: dependencies.jurisdictions)
        registry.component("ChargeQuote", .object([
            ("billable", .boolean), ("procedure_code", .nullable(.string())), ("modifiers", .array(.string())), ("units", .nullable(.integer)),
            ("unit_rate_cents", .nullable(.integer)), ("amount_cents", .nullable(.integer)),
            ("problems", .array(.object([("code", .string()), ("message", .string())], required: ["code", "message"]))),
            ("profile_source", .string()), ("program_label", .string()), ("fallback_fields", .array(.string())),
        ], required: ["billable", "modifiers", "problems", "profile_source", "program_label", "fallback_fields"]))
        registry.component("Charge", .object([
            ("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("service_date", .string(format: "date")),
            ("service_type", .string()), ("minutes", .integer), ("payer_id", .nullable(.string(format: "uuid"))), ("procedure_code", .string()),
            ("modifiers", .array(.string())), ("units", .integer), ("unit_rate_cents", .nullable(.integer)), ("amount_cents", .nullable(.integer)),
            ("profile_source", .string()), ("fallback_fields", .array(.string())), ("group_session_id", .nullable(.string(format: "uuid"))),
            ("status", .string(enumeration: ["active", "void"])), ("void_reason", .nullable(.string())), ("created_at", .string(format: "date-time")),
        ], required: ["id", "patient_id", "service_date", "procedure_code", "modifiers", "units", "profile_source", "status"]))

        registry.add(router, .post, "/api/v1/charges/preview", summary: "What the rules would charge for an encounter; saves nothing",
                     permission: .chargesCreate, request: Self.encounterSchema, response: .ref("ChargeQuote"), errors: [404]) { request, context in
            let principal = try context.require(.chargesCreate)
            let input = try await request.decodeJSON(EncounterBody.self, context: context).input()
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await capture.preview(input, in: tx) })
        }

        registry.add(router, .post, "/api/v1/charges", summary: "Capture a charge; send Idempotency-Key to make retries safe",
                     permission: .chargesCreate, request: Self.encounterSchema, response: .ref("Charge"), status: 201,
                     errors: [404, 409]) { request, context in
            let principal = try context.require(.chargesCreate)
            let input = try await request.decodeJSON(EncounterBody.self, context: context).input()
            let key = request.headers[HTTPField.Name("Idempotency-Key")!]
            let (charge, replayed) = try await database.withTenant(principal.organizationID) { tx in
                try await capture.create(input, idempotencyKey: key, by: principal, in: tx)
            }
            var response = try JSONResponse(charge, status: replayed ? .ok : .created).response(from: request, context: context)
            if replayed { response.headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
            return response
        }

        registry.add(router, .post, "/api/v1/charges/:id/void", summary: "Void a charge (kept on record, with the reason)",
                     permission: .chargesEdit, request: .object([("reason", .text(1...500))], required: ["reason"]), response: .ref("Charge"),
                     errors: [404, 409]) { request, context in
            let principal = try context.require(.chargesEdit)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(VoidBody.self, context: context)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await ChargeCapture.void(id, reason: body.reason, by: principal, in: tx)
            })
        }

        registry.add(router, .get, "/api/v1/patients/:id/charges", summary: "A patient's charges, void ones included",
                     permission: .patientsRead, response: .array(.ref("Charge")), errors: [404]) { _, context in
            let principal = try context.require(.patientsRead)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                _ = try await Patients.find(id, in: tx)
                return try await ChargeCapture.list(patientID: id, in: tx)
            })
        }
    }
}
