import Foundation
import PostgresNIO
public import Platform

/// Applies a scheduling feed: every row is checked first, and a file with any bad row is
/// refused whole. Re-importing the same feed changes nothing (occurrences are keyed by the
/// feed's `external_id`; group definitions by name and facility).
public enum ScheduleImport {
    public struct Outcome: Sendable, Codable, Equatable {
        public let created: Int
        public let updated: Int
        public let unchanged: Int
    }

    public static func apply(_ rows: [ScheduleFeedRow], problems: [ScheduleFeedProblem], by principal: Principal,
                             in tx: TenantTransaction) async throws -> Outcome {
        var problems = problems
        let facilities = try await tx.rows("SELECT id, name FROM pf_facilities").map { try $0.decode((UUID, String).self) }
        let mrns = Array(Set(rows.flatMap(\.patientMRNs)))
        var patientByMRN: [String: UUID] = [:]
        for row in try await tx.rows("SELECT mrn, id FROM pm_patients WHERE mrn = ANY(\(mrns))") {
            let (mrn, id) = try row.decode((String, UUID).self)
            patientByMRN[mrn] = id
        }
        var resolved: [(ScheduleFeedRow, UUID)] = []
        for row in rows {
            guard let facility = facilities.first(where: { $0.0.uuidString.lowercased() == row.facility.lowercased() || $0.1 == row.facility })?.0 else {
                problems.append(ScheduleFeedProblem(line: row.line, field: "facility", message: "no facility \(row.facility) in this organization"))
                continue
            }
            if let unknown = row.patientMRNs.first(where: { patientByMRN[$0] == nil }) {
                problems.append(ScheduleFeedProblem(line: row.line, field: "patient_mrns", message: "no patient with MRN \(unknown)"))
                continue
            }
            resolved.append((row, facility))
        }
        guard problems.isEmpty else {
            let sorted = problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
            let shown = sorted.prefix(20).map(\.description).joined(separator: "; ")
            throw DomainError(.unprocessable, code: "IMPORT_REJECTED",
                              message: "\(sorted.count) problem\(sorted.count == 1 ? "" : "s"); nothing was imported. \(shown)",
                              field: "line \(sorted[0].line): \(sorted[0].field)")
        }
        var created = 0, updated = 0, unchanged = 0
        for (row, facility) in resolved {
            let definition = try await groupDefinition(row, facility: facility, in: tx)
            let existing = try await tx.rows("""
                SELECT id, to_char(session_date, 'YYYY-MM-DD'), to_char(start_time, 'HH24:MI'), to_char(end_time, 'HH24:MI'), location,
                       group_definition_id
                FROM pm_group_schedule WHERE external_id = \(row.externalID)
                """).first
            if let existing {
                let (id, date, start, end, location, currentDefinition) = try existing.decode((UUID, String, String, String, String?, UUID).self)
                if date == row.sessionDate, start == row.startTime, end == row.endTime, location == row.location, currentDefinition == definition {
                    unchanged += 1
                } else {
                    try await tx.query("""
                        UPDATE pm_group_schedule SET session_date = \(row.sessionDate)::date, start_time = \(row.startTime)::time,
                               end_time = \(row.endTime)::time, location = \(row.location), group_definition_id = \(definition)
                        WHERE id = \(id)
                        """)
                    updated += 1
                }
            } else {
                try await tx.query("""
                    INSERT INTO pm_group_schedule (organization_id, id, group_definition_id, session_date, start_time, end_time, location, external_id)
                    VALUES (\(tx.organizationID), \(UUID.random()), \(definition), \(row.sessionDate)::date, \(row.startTime)::time, \(row.endTime)::time,
                            \(row.location), \(row.externalID))
                    """)
                created += 1
            }
            let patients = row.patientMRNs.compactMap { patientByMRN[$0] }
            try await tx.query("""
                INSERT INTO pm_group_enrollments (organization_id, group_definition_id, patient_id)
                SELECT \(tx.organizationID), \(definition), p FROM unnest(\(patients)::uuid[]) AS p
                ON CONFLICT DO NOTHING
                """)
        }
        try await AuditLog.record(AuditEntry(action: "schedule.imported", entityType: "schedule_feed", entityID: nil,
                                             details: ["created": String(created), "updated": String(updated), "unchanged": String(unchanged)]),
                                  by: principal, in: tx)
        return Outcome(created: created, updated: updated, unchanged: unchanged)
    }

    static func groupDefinition(_ row: ScheduleFeedRow, facility: UUID, in tx: TenantTransaction) async throws -> UUID {
        if let existing = try await tx.rows("""
            SELECT id FROM pm_group_definitions WHERE facility_id = \(facility) AND name = \(row.groupName) AND group_type = \(row.groupType)
            """).first {
            return try existing.decode(UUID.self)
        }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_group_definitions (organization_id, id, facility_id, name, group_type, capacity)
            VALUES (\(tx.organizationID), \(id), \(facility), \(row.groupName), \(row.groupType), \(row.capacity))
            """)
        return id
    }
}
