public import Foundation
import PostgresNIO

/// Integration-layer reads of people other cores own: patients (Practice Management) and staff
/// (Platform), by id, within the transaction's organization.
public enum PeopleLookup {
    /// Display names of the patients that exist in this organization; unknown ids are absent.
    public static func patientNames(_ ids: [UUID], in tx: TenantTransaction) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for try await (id, given, family) in try await tx.query(
            "SELECT id, given_name, family_name FROM pm_patients WHERE id = ANY(\(ids))").decode((UUID, String, String).self) {
            names[id] = "\(given) \(family)"
        }
        return names
    }

    /// Display names of staff members of this organization.
    public static func staffNames(_ ids: [UUID], in tx: TenantTransaction) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for try await (id, name) in try await tx.query("""
            SELECT u.id, u.display_name FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id WHERE u.id = ANY(\(ids))
            """).decode((UUID, String).self) {
            names[id] = name
        }
        return names
    }
}

/// A scheduled group occurrence (Practice Management, PM-04) as Clinical pre-fills a session from it.
public struct ScheduledOccurrence: Sendable, Equatable {
    public let id: UUID
    public let facilityID: UUID
    public let groupType: String
    public let sessionDate: ServiceDate
    public let startTime: String
    public let endTime: String
    public let location: String?
    public let facilitatorID: UUID?
    public let enrolledPatientIDs: [UUID]

    /// The occurrence, if it exists in this organization (another tenant's reads as missing).
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> ScheduledOccurrence? {
        let rows = try await tx.rows("""
            SELECT s.id, d.facility_id, d.group_type, to_char(s.session_date, 'YYYY-MM-DD'), to_char(s.start_time, 'HH24:MI'),
                   to_char(s.end_time, 'HH24:MI'), s.location, coalesce(s.facilitator_id, d.default_facilitator_id),
                   coalesce((SELECT array_agg(e.patient_id ORDER BY e.patient_id) FROM pm_group_enrollments e
                             WHERE e.organization_id = d.organization_id AND e.group_definition_id = d.id), '{}')
            FROM pm_group_schedule s JOIN pm_group_definitions d ON d.organization_id = s.organization_id AND d.id = s.group_definition_id
            WHERE s.id = \(id)
            """)
        guard let row = rows.first else { return nil }
        let (sid, facility, type, date, start, end, location, facilitator, patients) =
            try row.decode((UUID, UUID, String, String, String, String, String?, UUID?, [UUID]).self)
        return ScheduledOccurrence(id: sid, facilityID: facility, groupType: type, sessionDate: try ServiceDate(stored: date), startTime: start, endTime: end,
                                   location: location, facilitatorID: facilitator, enrolledPatientIDs: patients)
    }
}
