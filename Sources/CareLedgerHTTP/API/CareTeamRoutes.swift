import Clinical
import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1` coverage (PM-02) and care-team assignments (CL): the inputs of a group's payer and supervisors.
public struct CareTeamRoutes: Sendable {
    let dependencies: AppDependencies

    struct CoverageBody: Decodable {
        let payerId: UUID; let memberId: String; let priority: Int?; let effectiveFrom: String; let effectiveTo: String?
    }
    struct AssignmentBody: Decodable { let providerUserId: UUID; let patientId: UUID; let role: String }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .post, "/api/v1/patients/:id/coverages", summary: "Add a patient's coverage (priority 1 is primary)",
                     permission: .patientsManage,
                     request: .object([("payer_id", .string(format: "uuid")), ("member_id", .string(length: 1...80)), ("priority", .integerIn(1...3)),
                                       ("effective_from", .string(format: "date")), ("effective_to", .string(format: "date"))],
                                      required: ["payer_id", "member_id", "effective_from"]),
                     response: .object([("id", .string(format: "uuid")), ("payer_id", .string(format: "uuid")), ("priority", .integer)],
                                       required: ["id", "payer_id", "priority"]), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.patientsManage)
            let patient = try context.pathID("id")
            let body = try await request.decodeJSON(CoverageBody.self, context: context)
            let (from, to) = try BillingRulesRoutes.period(body.effectiveFrom, body.effectiveTo)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Coverages.create(patientID: patient, payerID: body.payerId, memberID: body.memberId, priority: body.priority ?? 1,
                                           effectiveFrom: from, effectiveTo: to, by: principal, in: tx)
            }, status: .created)
        }

        registry.add(router, .post, "/api/v1/staff-assignments", summary: "Assign a provider to a patient (SUPERVISING, PRIMARY, CONSULTING)",
                     permission: .groupSessionManage,
                     request: .object([("provider_user_id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")),
                                       ("role", .string(enumeration: StaffAssignments.roles))], required: ["provider_user_id", "patient_id", "role"]),
                     response: .object([("id", .string(format: "uuid"))], required: ["id"]), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.groupSessionManage)
            let body = try await request.decodeJSON(AssignmentBody.self, context: context)
            let id = try await database.withTenant(principal.organizationID) { tx in
                try await StaffAssignments.assign(providerUserID: body.providerUserId, patientID: body.patientId, role: body.role, by: principal, in: tx)
            }
            return JSONResponse(["id": id], status: .created)
        }
    }
}
