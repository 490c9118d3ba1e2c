import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/cost-estimates` (PM-48) and the financial-counseling worklist the estimates feed (PM-32).
public struct CostEstimateRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateBody: Decodable { let patientId: UUID; let serviceType: String; let patientEstimatedResponsibility: Int }
    struct EstimateView: Encodable, Sendable {
        let id: UUID; let patientId: UUID; let serviceType: String; let patientEstimatedResponsibility: Int; let createdAt: Date
        init(_ estimate: CostEstimate) {
            id = estimate.id
            patientId = estimate.patientID
            serviceType = estimate.serviceType
            patientEstimatedResponsibility = estimate.patientEstimatedResponsibility
            createdAt = estimate.createdAt
        }
    }

    static let estimateSchema: Schema = .object([
        ("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("service_type", .string()),
        ("patient_estimated_responsibility", .integer), ("created_at", .string(format: "date-time")),
    ], required: ["id", "patient_id", "service_type", "patient_estimated_responsibility", "created_at"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let bus = dependencies.bus
        registry.add(router, .post, "/api/v1/cost-estimates",
                     summary: "Record a patient cost estimate (responsibility in cents) and publish pm_cost_estimate_generated on pm.cost_estimates",
                     permission: .financialCounselingManage,
                     request: .object([("patient_id", .string(format: "uuid")), ("service_type", .text(1...80)), ("patient_estimated_responsibility", .integerIn(0...Int.max))],
                                      required: ["patient_id", "service_type", "patient_estimated_responsibility"]),
                     response: Self.estimateSchema, status: 201, errors: [404]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let body = try await request.decodeJSON(CreateBody.self, context: context)
            return JSONResponse(EstimateView(try await database.withTenant(principal.organizationID) { tx in
                try await CostEstimates.record(patientID: body.patientId, serviceType: body.serviceType,
                                               patientEstimatedResponsibility: body.patientEstimatedResponsibility, bus: bus, by: principal, in: tx)
            }), status: .created)
        }

        registry.add(router, .get, "/api/v1/cost-estimates/:id", summary: "One cost estimate", permission: .financialCounselingView,
                     response: Self.estimateSchema, errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let id = try context.pathID("id")
            return JSONResponse(EstimateView(try await database.withTenant(principal.organizationID) { tx in try await CostEstimates.find(id, in: tx) }))
        }

        registry.add(router, .get, "/api/v1/financial-counseling/referrals",
                     summary: "The counselor's worklist: referrals opened by cost estimates above the financial clearance threshold (?status=open|all)",
                     permission: .financialCounselingView,
                     response: .array(.object([
                        ("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("source", .string(enumeration: ["cost_estimate"])),
                        ("estimate_id", .string(format: "uuid")), ("status", .string(enumeration: ["open", "closed"])),
                        ("threshold_source", .string(enumeration: FinancialClearanceThresholdSource.allCases.map(\.rawValue))),
                        ("threshold_cents", .integer), ("opened_at", .string(format: "date-time")),
                     ], required: ["id", "patient_id", "source", "status", "opened_at"])),
                     query: [QueryParameter("status", .string(enumeration: ["open", "all"]), "open (the default) or all")]) { request, context in
            let principal = try context.require(.financialCounselingView)
            let status = request.uri.queryParameters["status"].map(String.init) ?? "open"
            guard status == "open" || status == "all" else { throw DomainError.invalid("status", "status is open or all.") }
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await FinancialCounselingReferrals.list(openOnly: status == "open", in: tx)
            })
        }
    }
}
