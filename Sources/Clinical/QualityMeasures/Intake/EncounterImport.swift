public import Foundation
public import Platform
import PostgresNIO

/// What an import did, by count (ids and counts only: it is also the audit detail).
public struct EncounterImportSummary: Sendable, Hashable, Codable {
    public let created: Int
    public let updated: Int
    public let unchanged: Int
    public let diagnoses: Int

    public init(created: Int, updated: Int, unchanged: Int, diagnoses: Int) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.diagnoses = diagnoses
    }
}

/// Stores a FHIR R4 encounter bundle in one transaction: all of it or, on the first refusal,
/// none of it. Re-importing the same bundle changes nothing; a changed encounter (same source
/// identifier) replaces the stored one with its diagnoses.
public enum EncounterImport {
    public static func importBundle(_ data: Data, by principal: Principal?, in tx: TenantTransaction) async throws -> EncounterImportSummary {
        let zone = try await Organizations.timeZone(facility: nil, in: tx)
        let (encounters, treatments) = try EncounterBundleReader.readBundle(data, timeZone: zone)
        let patients = try await PatientRecordLookup.patientIDs(byMRN: encounters.map(\.patientMRN) + treatments.map(\.patientMRN), in: tx)
        func patient(_ mrn: String, entry: Int) throws -> UUID {
            guard let id = patients[mrn] else {
                // The MRN itself is not repeated: error messages never carry patient identifiers.
                throw DomainError(.unprocessable, code: "UNKNOWN_PATIENT", message: "No patient of this organization has the subject's MRN.",
                                  field: "entry[\(entry)].resource.subject")
            }
            return id
        }
        let patientIDs = try encounters.map { try patient($0.patientMRN, entry: $0.entryIndex) }
        let treatmentPatientIDs = try treatments.map { try patient($0.patientMRN, entry: $0.entryIndex) }
        let stored = try await store(encounters, patientIDs: patientIDs, in: tx)
        let treated = try await store(treatments, patientIDs: treatmentPatientIDs, in: tx)
        let summary = EncounterImportSummary(created: stored.created + treated.created, updated: stored.updated + treated.updated,
                                             unchanged: stored.unchanged + treated.unchanged, diagnoses: stored.diagnoses)
        try await AuditLog.record(AuditEntry(action: "clinical.encounters.imported", entityType: "encounter_bundle", entityID: nil, details: [
            "created": String(summary.created), "updated": String(summary.updated), "unchanged": String(summary.unchanged),
            "diagnoses": String(summary.diagnoses),
        ]), by: principal, in: tx)
        return summary
    }

    /// Everything stored for the encounter in one canonical line; the table keeps its md5.
    static func content(_ encounter: BundleEncounter, patientID: UUID) -> String {
        let diagnoses = encounter.diagnoses.map { "\($0.code)\($0.isPrincipal ? "*" : "")" }.sorted().joined(separator: ",")
        var parts = [patientID.uuidString, encounter.kind.rawValue, encounter.status, encounter.start.description, encounter.end.description, diagnoses]
        // Added after the first imports: absent, the line (and its digest) is what it always was.
        if let disposition = encounter.dischargeDisposition { parts.append("disposition=\(disposition)") }
        return parts.joined(separator: "|")
    }

    static func store(_ encounters: [BundleEncounter], patientIDs: [UUID], in tx: TenantTransaction) async throws -> EncounterImportSummary {
        guard !encounters.isEmpty else { return EncounterImportSummary(created: 0, updated: 0, unchanged: 0, diagnoses: 0) }
        let contents = zip(encounters, patientIDs).map { content($0, patientID: $1) }
        // Rows whose digest is unchanged are not touched and not returned.
        var created = 0, updated = 0
        var written: [String: UUID] = [:]
        for try await (id, system, source, inserted) in try await tx.query("""
            INSERT INTO cl_external_encounters (organization_id, id, source_system, source_id, patient_id, kind, status, start_date, end_date,
                                                discharge_disposition, content_digest)
            SELECT \(tx.organizationID), gen_random_uuid(), e.system, e.source, e.patient, e.kind, e.status, e.start_date::date, e.end_date::date,
                   nullif(e.disposition, ''), md5(e.content)
            FROM unnest(\(encounters.map(\.sourceSystem))::text[], \(encounters.map(\.sourceID))::text[], \(patientIDs)::uuid[],
                        \(encounters.map(\.kind.rawValue))::text[], \(encounters.map(\.status))::text[],
                        \(encounters.map(\.start.description))::text[], \(encounters.map(\.end.description))::text[],
                        \(encounters.map { $0.dischargeDisposition ?? "" })::text[], \(contents)::text[])
                 AS e(system, source, patient, kind, status, start_date, end_date, disposition, content)
            ON CONFLICT (organization_id, source_system, source_id) DO UPDATE
              SET patient_id = excluded.patient_id, kind = excluded.kind, status = excluded.status, start_date = excluded.start_date,
                  end_date = excluded.end_date, discharge_disposition = excluded.discharge_disposition, content_digest = excluded.content_digest,
                  imported_at = now()
              WHERE cl_external_encounters.content_digest <> excluded.content_digest
            RETURNING id, source_system, source_id, (xmax = 0)
            """).decode((UUID, String, String, Bool).self) {
            written["\(system)|\(source)"] = id
            if inserted { created += 1 } else { updated += 1 }
        }
        var diagnosisEncounters: [UUID] = [], codes: [String] = [], principals: [Bool] = []
        for encounter in encounters {
            guard let id = written["\(encounter.sourceSystem)|\(encounter.sourceID)"] else { continue }
            for diagnosis in encounter.diagnoses {
                diagnosisEncounters.append(id)
                codes.append(diagnosis.code)
                principals.append(diagnosis.isPrincipal)
            }
        }
        if !written.isEmpty {
            try await tx.query("DELETE FROM cl_external_encounter_diagnoses WHERE encounter_id = ANY(\(Array(written.values)))")
        }
        if !codes.isEmpty {
            // Each diagnosis carries its encounter's patient, kind, status and dates (what the period
            // reads find diagnoses by), copied from the row just written.
            try await tx.query("""
                INSERT INTO cl_external_encounter_diagnoses (organization_id, encounter_id, code, is_principal, patient_id, kind, status,
                                                             start_date, end_date)
                SELECT e.organization_id, e.id, d.code, d.principal, e.patient_id, e.kind, e.status, e.start_date, e.end_date
                FROM unnest(\(diagnosisEncounters)::uuid[], \(codes)::text[], \(principals)::bool[]) AS d(encounter, code, principal)
                JOIN cl_external_encounters e ON e.organization_id = \(tx.organizationID) AND e.id = d.encounter
                """)
        }
        return EncounterImportSummary(created: created, updated: updated, unchanged: encounters.count - created - updated, diagnoses: codes.count)
    }

    static func store(_ events: [BundleTreatmentEvent], patientIDs: [UUID], in tx: TenantTransaction) async throws -> EncounterImportSummary {
        guard !events.isEmpty else { return EncounterImportSummary(created: 0, updated: 0, unchanged: 0, diagnoses: 0) }
        let contents = zip(events, patientIDs).map { event, patient in
            [patient.uuidString, event.status, event.date.description, event.codeSystem.rawValue, event.code, event.daysSupply.map(String.init) ?? ""]
                .joined(separator: "|")
        }
        var created = 0, updated = 0
        for try await inserted in try await tx.query("""
            INSERT INTO cl_external_treatment_events (organization_id, id, resource_type, source_system, source_id, patient_id, status, event_date,
              code_system, code, days_supply, content_digest)
            SELECT \(tx.organizationID), gen_random_uuid(), e.type, e.system, e.source, e.patient, e.status, e.day::date, e.code_system, e.code,
                   nullif(e.days, 0), md5(e.content)
            FROM unnest(\(events.map(\.resourceType.rawValue))::text[], \(events.map(\.sourceSystem))::text[], \(events.map(\.sourceID))::text[],
                        \(patientIDs)::uuid[], \(events.map(\.status))::text[], \(events.map(\.date.description))::text[],
                        \(events.map(\.codeSystem.rawValue))::text[], \(events.map(\.code))::text[], \(events.map { $0.daysSupply ?? 0 })::int[],
                        \(contents)::text[])
                 AS e(type, system, source, patient, status, day, code_system, code, days, content)
            ON CONFLICT (organization_id, resource_type, source_system, source_id) DO UPDATE
              SET patient_id = excluded.patient_id, status = excluded.status, event_date = excluded.event_date, code_system = excluded.code_system,
                  code = excluded.code, days_supply = excluded.days_supply, content_digest = excluded.content_digest, imported_at = now()
              WHERE cl_external_treatment_events.content_digest <> excluded.content_digest
            RETURNING (xmax = 0)
            """).decode(Bool.self) {
            if inserted { created += 1 } else { updated += 1 }
        }
        return EncounterImportSummary(created: created, updated: updated, unchanged: events.count - created - updated, diagnoses: 0)
    }
}
