public import Foundation
import PostgresNIO
public import Platform

/// A patient (PM-01).
public struct Patient: Sendable, Codable, Equatable {
    public let id: UUID
    public let mrn: String
    public let givenName: String
    public let familyName: String
    public let dateOfBirth: String
}

/// Registering and listing patients.
public enum Patients {
    public static func create(mrn: String, givenName: String, familyName: String, dateOfBirth: String, by principal: Principal?,
                              in tx: TenantTransaction) async throws -> Patient {
        guard !mrn.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.invalid("mrn", "A patient needs a medical record number.") }
        guard !givenName.isEmpty, !familyName.isEmpty else { throw DomainError.invalid("given_name", "A patient needs a given and a family name.") }
        guard let born = ServiceDate(dateOfBirth), born.year >= 1900 else { throw DomainError.invalid("date_of_birth", "Use the form YYYY-MM-DD.") }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
            VALUES (\(tx.organizationID), \(id), \(mrn), \(givenName), \(familyName), \(dateOfBirth)::date)
            """)
        try await AuditLog.record(AuditEntry(action: "patient.created", entityType: "patient", entityID: id.uuidString), by: principal, in: tx)
        return Patient(id: id, mrn: mrn, givenName: givenName, familyName: familyName, dateOfBirth: dateOfBirth)
    }

    /// One patient of the organization; 404 when the id names none (including another tenant's).
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> Patient {
        for try await (id, mrn, given, family, dob) in try await tx.query("""
            SELECT id, mrn, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') FROM pm_patients WHERE id = \(id)
            """).decode((UUID, String, String, String, String).self) {
            return Patient(id: id, mrn: mrn, givenName: given, familyName: family, dateOfBirth: dob)
        }
        throw DomainError.notFound("patient")
    }

    /// The patients among `ids` that exist in the organization, by id (a roster shows each one's
    /// record number and birth date, which staff check identity by); unknown ids are absent.
    public static func find(_ ids: [UUID], in tx: TenantTransaction) async throws -> [UUID: Patient] {
        guard !ids.isEmpty else { return [:] }
        var patients: [UUID: Patient] = [:]
        for try await (id, mrn, given, family, dob) in try await tx.query("""
            SELECT id, mrn, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') FROM pm_patients WHERE id = ANY(\(ids))
            """).decode((UUID, String, String, String, String).self) {
            patients[id] = Patient(id: id, mrn: mrn, givenName: given, familyName: family, dateOfBirth: dob)
        }
        return patients
    }

    public static func list(limit: Int, offset: Int, in tx: TenantTransaction) async throws -> [Patient] {
        var patients: [Patient] = []
        for try await (id, mrn, given, family, dob) in try await tx.query("""
            SELECT id, mrn, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') FROM pm_patients
            ORDER BY family_name, given_name, id LIMIT \(limit) OFFSET \(offset)
            """).decode((UUID, String, String, String, String).self) {
            patients.append(Patient(id: id, mrn: mrn, givenName: given, familyName: family, dateOfBirth: dob))
        }
        return patients
    }
}
