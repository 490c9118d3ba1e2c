public import Foundation
import PostgresNIO
public import Platform

/// Care-team assignments; SUPERVISING ones decide who supervises a group session.
public enum StaffAssignments {
    public static let roles = ["SUPERVISING", "PRIMARY", "CONSULTING"]

    public static func assign(providerUserID: UUID, patientID: UUID, role: String, by principal: Principal?,
                              in tx: TenantTransaction) async throws -> UUID {
        guard roles.contains(role) else { throw DomainError.invalid("role", "Use SUPERVISING, PRIMARY or CONSULTING.") }
        guard try await PeopleLookup.patientNames([patientID], in: tx)[patientID] != nil else { throw DomainError.notFound("patient") }
        guard try await PeopleLookup.staffNames([providerUserID], in: tx)[providerUserID] != nil else { throw DomainError.notFound("staff member") }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO cl_staff_assignments (organization_id, id, provider_user_id, patient_id, role)
            VALUES (\(tx.organizationID), \(id), \(providerUserID), \(patientID), \(role))
            ON CONFLICT (organization_id, provider_user_id, patient_id, role) DO UPDATE SET active = true
            """)
        try await AuditLog.record(AuditEntry(action: "staff-assignment.saved", entityType: "staff_assignment", entityID: id.uuidString,
                                             details: ["role": role]), by: principal, in: tx)
        return id
    }
}
