public import Foundation
import PostgresNIO
public import Platform

/// A recorded patient cost estimate (PM-48).
public struct CostEstimate: Sendable, Hashable, Codable {
    public let id: UUID
    public let patientID: UUID
    public let serviceType: String
    /// Cents the patient is expected to owe.
    public let patientEstimatedResponsibility: Int
    public let createdAt: Date
}

/// Recording cost estimates and announcing them on `pm.cost_estimates`.
public enum CostEstimates {
    /// Records the estimate for a patient of the organization (404 otherwise), audits it and
    /// publishes `pm_cost_estimate_generated` in the same transaction: both or neither.
    public static func record(patientID: UUID, serviceType: String, patientEstimatedResponsibility: Int, bus: EventBus,
                              by principal: Principal, in tx: TenantTransaction) async throws -> CostEstimate {
        let service = serviceType.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !service.isEmpty, service.count <= 80 else { throw DomainError.invalid("service_type", "Name the service in 1 to 80 characters.") }
        guard patientEstimatedResponsibility >= 0 else {
            throw DomainError.invalid("patient_estimated_responsibility", "The estimate is an amount in cents, 0 or more.")
        }
        _ = try await Patients.find(patientID, in: tx)
        let id = UUID.random()
        let createdAt = try await tx.rows("""
            INSERT INTO pm_cost_estimates (organization_id, id, patient_id, service_type, patient_estimated_responsibility, created_by)
            VALUES (\(tx.organizationID), \(id), \(patientID), \(service), \(patientEstimatedResponsibility), \(principal.userID))
            RETURNING created_at
            """)[0].decode(Date.self)
        try await AuditLog.record(AuditEntry(action: "cost-estimate.recorded", entityType: "cost_estimate", entityID: id.uuidString,
                                             details: ["patient_id": patientID.uuidString]), by: principal, in: tx)
        do {
            try await bus.publish(CostEstimateGenerated.self, .init(estimateId: id, patientId: patientID, organizationId: tx.organizationID,
                                                                    patientEstimatedResponsibility: patientEstimatedResponsibility,
                                                                    serviceType: service), in: tx)
        } catch let error as EventValidationError {
            throw error.domainError
        }
        return CostEstimate(id: id, patientID: patientID, serviceType: service, patientEstimatedResponsibility: patientEstimatedResponsibility,
                            createdAt: createdAt)
    }

    /// One estimate; 404 when unknown.
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> CostEstimate {
        guard let row = try await tx.rows("""
            SELECT \(unescaped: columns) FROM pm_cost_estimates WHERE id = \(id)
            """).first else { throw DomainError.notFound("cost_estimate") }
        return try decode(row)
    }

    /// A patient's estimates, newest first; 404 for an unknown patient.
    public static func list(patientID: UUID, limit: Int = 100, in tx: TenantTransaction) async throws -> [CostEstimate] {
        _ = try await Patients.find(patientID, in: tx)
        return try await tx.rows("""
            SELECT \(unescaped: columns) FROM pm_cost_estimates WHERE patient_id = \(patientID) ORDER BY created_at DESC, id LIMIT \(limit)
            """).map(decode)
    }

    /// The estimates with these ids, keyed by id: the worklist reads its referrals' estimates in
    /// one query.
    public static func find(ids: [UUID], in tx: TenantTransaction) async throws -> [UUID: CostEstimate] {
        guard !ids.isEmpty else { return [:] }
        let found = try await tx.rows("SELECT \(unescaped: columns) FROM pm_cost_estimates WHERE id = ANY(\(ids)::uuid[])").map(decode)
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static let columns = "id, patient_id, service_type, patient_estimated_responsibility, created_at"

    static func decode(_ row: PostgresRow) throws -> CostEstimate {
        let (estimate, patient, service, amount, created) = try row.decode((UUID, UUID, String, Int, Date).self)
        return CostEstimate(id: estimate, patientID: patient, serviceType: service, patientEstimatedResponsibility: amount, createdAt: created)
    }
}
