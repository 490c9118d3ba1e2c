public import Foundation
import PostgresNIO
public import Platform

/// A patient's coverage by a payer (PM-02); priority 1 is primary.
public struct Coverage: Sendable, Codable, Equatable {
    public let id: UUID
    public let patientID: UUID
    public let payerID: UUID
    public let memberID: String
    public let priority: Int
    public let effectiveFrom: String
    public let effectiveTo: String?
}

public enum Coverages {
    public static func create(patientID: UUID, payerID: UUID, memberID: String, priority: Int, effectiveFrom: ServiceDate,
                              effectiveTo: ServiceDate?, by principal: Principal?, in tx: TenantTransaction) async throws -> Coverage {
        let member = memberID.trimmingCharacters(in: .whitespaces)
        guard !member.isEmpty, member.count <= 80 else { throw DomainError.invalid("member_id", "A coverage needs the member id on the card.") }
        guard (1...3).contains(priority) else { throw DomainError.invalid("priority", "Priority is 1 (primary), 2 or 3.") }
        if let effectiveTo, effectiveTo < effectiveFrom { throw DomainError.invalid("effective_to", "The coverage ends before it starts.") }
        _ = try await Patients.find(patientID, in: tx)
        _ = try await Payers.find(payerID, in: tx)
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_coverages (organization_id, id, patient_id, payer_id, member_id, priority, effective_from, effective_to)
            VALUES (\(tx.organizationID), \(id), \(patientID), \(payerID), \(member), \(priority), \(effectiveFrom.description)::date,
                    \(effectiveTo?.description)::date)
            """)
        try await AuditLog.record(AuditEntry(action: "coverage.created", entityType: "coverage", entityID: id.uuidString), by: principal, in: tx)
        return Coverage(id: id, patientID: patientID, payerID: payerID, memberID: member, priority: priority,
                        effectiveFrom: effectiveFrom.description, effectiveTo: effectiveTo?.description)
    }
}
