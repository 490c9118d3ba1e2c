import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Member exclusions from imported data")
struct MemberExclusionPipelineTests {
    typealias F = EncounterBundleFixtures

    /// A discharge for F32.1 on March 10, 2026; with `disposition`, its HL7 discharge disposition.
    static func stay(_ id: String, mrn: String, disposition: String? = nil) -> [[String: Any]] {
        var entry = F.encounter(id, mrn: mrn, classCode: "IMP", start: "2026-03-05", end: "2026-03-10", ranked: [("\(id)-c", 1)])
        if let disposition, var resource = entry["resource"] as? [String: Any] {
            resource["hospitalization"] = ["dischargeDisposition": ["coding": [["system": EncounterBundleReader.dischargeDispositionSystem, "code": disposition]]]]
            entry["resource"] = resource
        }
        return [entry, F.condition("\(id)-c", encounter: id, code: "F32.1")]
    }

    @Test("a death (discharge disposition exp), a hospice procedure and a coverage gap each exclude a discharge, counted in the event's metadata")
    func exclusionsFromImports() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Exclusions", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            let org = tenant.organizationID
            let bus = EventBus(logger: db.logger)
            try await db.database.withTenant(org) { tx in
                var patients: [String: UUID] = [:]
                for mrn in ["KEPT", "DIED", "HOSPICE", "GAP"] {
                    patients[mrn] = try await Patients.create(mrn: mrn, givenName: "Ex", familyName: mrn.capitalized, dateOfBirth: "1980-02-02", by: nil, in: tx).id
                }
                let payer = UUID()
                try await tx.query("INSERT INTO pm_payers (organization_id, id, name, payer_code) VALUES (\(org), \(payer), 'Plan', 'PLAN')")
                // KEPT is covered all year; GAP's coverage ends March 31, inside the 30 days after its discharge.
                for (mrn, end) in [("KEPT", nil), ("GAP", "2026-03-31")] as [(String, String?)] {
                    try await tx.query("""
                        INSERT INTO pm_coverages (organization_id, id, patient_id, payer_id, member_id, priority, effective_from, effective_to)
                        VALUES (\(org), \(UUID()), \(patients[mrn]!), \(payer), \("M-\(mrn)"), 1, DATE '2025-01-01', \(end)::date)
                        """)
                }
                let hospice: [String: Any] = ["resource": [
                    "resourceType": "Procedure", "status": "completed", "identifier": [["system": "urn:clinic", "value": "hospice-1"]],
                    "subject": ["identifier": ["value": "HOSPICE"]], "performedDateTime": "2026-09-14",
                    "code": ["coding": [["system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": "Q5003"]]],
                ] as [String: Any]]
                _ = try await EncounterImport.importBundle(F.bundle(
                    Self.stay("kept", mrn: "KEPT", disposition: "home") + Self.stay("died", mrn: "DIED") + Self.stay("hospice", mrn: "HOSPICE")
                        + Self.stay("gap", mrn: "GAP") + [hospice]
                        // DIED dies in a later stay, discharged expired on June 1.
                        + [F.encounter("last", mrn: "DIED", classCode: "IMP", start: "2026-05-20", end: "2026-06-01")].map { entry in
                            var entry = entry
                            var resource = entry["resource"] as! [String: Any]
                            resource["hospitalization"] = ["dischargeDisposition": ["coding": [
                                ["system": EncounterBundleReader.dischargeDispositionSystem, "code": "exp"]]]]
                            entry["resource"] = resource
                            return entry
                        }), by: principal, in: tx)
            }
            #expect(try await db.ownerScalars("SELECT source_id || '=' || discharge_disposition FROM cl_external_encounters WHERE discharge_disposition IS NOT NULL ORDER BY 1",
                                              as: String.self) == ["V-kept=home", "V-last=exp"])
            let results = try await db.database.withTenant(org) { tx in
                try await QualityPeriodFinalizer.finalize(MeasurementPeriod.year(2026), bus: bus, by: principal, in: tx)
            }
            let fuh = try #require(results.first { $0.measureId == "HEDIS_FUH_30" })
            #expect(fuh.initialPopulationCount == 4)
            #expect(fuh.denominatorCount == 1)
            let metadata = try await db.ownerScalars("""
                SELECT metadata::text FROM cl_quality_measure_periods WHERE measure_id = 'HEDIS_FUH_30'
                """, as: String.self).first ?? ""
            let decoded = try JSONDecoder().decode([String: QualityMeasureMetadata.Value].self, from: Data(metadata.utf8))
            #expect(decoded["hospice_exclusion_count"] == .integer(1))
            #expect(decoded["death_exclusion_count"] == .integer(1))
            #expect(decoded["enrollment_exclusion_count"] == .integer(1))
            #expect(decoded["exclusion_count"] == .integer(3))
        }
    }

    @Test("a discharge disposition that is not a code refuses the bundle, naming the field")
    func badDisposition() throws {
        #expect {
            _ = try EncounterBundleReader.read(F.bundle(Self.stay("s", mrn: "M", disposition: "to hospice!")), timeZone: TimeZone(identifier: "UTC")!)
        } throws: { error in
            (error as? DomainError)?.field == "entry[0].resource.hospitalization.dischargeDisposition.coding[0].code"
        }
    }
}
