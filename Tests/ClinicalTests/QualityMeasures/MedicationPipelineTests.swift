import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("AMM and treatment-based IET over the organization's data")
struct MedicationPipelineTests {
    typealias F = EncounterBundleFixtures
    typealias Setup = QualityPipelineTests.Setup

    static func dispense(_ id: String, _ date: String, days: Int, system: String = "http://www.nlm.nih.gov/research/umls/rxnorm",
                         code: String = "36437", status: String = "completed") -> [String: Any] {
        ["resource": [
            "resourceType": "MedicationDispense", "status": status, "identifier": [["system": "urn:pharmacy", "value": id]],
            "subject": ["identifier": ["value": "MRN-1"]], "whenHandedOver": date, "daysSupply": ["value": days],
            "medicationCodeableConcept": ["coding": [["system": system, "code": code]]],
        ] as [String: Any]]
    }

    static func procedure(_ id: String, _ date: String, code: String) -> [String: Any] {
        ["resource": [
            "resourceType": "Procedure", "status": "completed", "identifier": [["system": "urn:clinic", "value": id]],
            "subject": ["identifier": ["value": "MRN-1"]], "performedDateTime": date,
            "code": ["coding": [["system": "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": code]]],
        ] as [String: Any]]
    }

    static func importBundle(_ setup: Setup, _ entries: [[String: Any]], _ db: TestDatabase) async throws {
        let bundle = F.bundle(entries)
        try await db.database.withTenant(setup.tenant.organizationID) { tx in
            _ = try await EncounterImport.importBundle(bundle, by: setup.principal, in: tx)
        }
    }

    static func finalize(_ setup: Setup, _ db: TestDatabase) async throws -> [String: QualityMeasurePeriodResult] {
        let results = try await db.database.withTenant(setup.tenant.organizationID) { tx in
            try await QualityPeriodFinalizer.finalize(.year(2026), bus: EventBus(logger: db.logger), by: setup.principal, in: tx)
        }
        return Dictionary(uniqueKeysWithValues: results.map { ($0.measureId, $0) })
    }

    @Test("AMM: dispensings and a major-depression visit give each phase its own published result")
    func antidepressantPhases() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await QualityPipelineTests.setUp(db, "AMM")
            // A visit for F32.1 two weeks after the first dispensing (IPSD 2025-08-01); refills laid end to end
            // cover August 1 to October 29 (90 days): the acute phase is met, the continuation phase is not.
            try await Self.importBundle(setup, [
                F.encounter("dep", mrn: "MRN-1", classCode: "AMB", start: "2025-08-15"), F.condition("d1", encounter: "dep", code: "F32.1"),
                Self.dispense("R1", "2025-08-01", days: 30), Self.dispense("R2", "2025-08-25", days: 30), Self.dispense("R3", "2025-09-20", days: 30),
                // A cancelled dispensing and one of another drug change nothing.
                Self.dispense("R4", "2025-11-01", days: 90, status: "cancelled"), Self.dispense("R5", "2025-11-01", days: 90, code: "999999"),
            ], db)
            let results = try await Self.finalize(setup, db)
            #expect(results["HEDIS_AMM_ACUTE"]?.denominatorCount == 1)
            #expect(results["HEDIS_AMM_ACUTE"]?.numeratorCount == 1)
            #expect(results["HEDIS_AMM_CONT"]?.denominatorCount == 1)
            #expect(results["HEDIS_AMM_CONT"]?.numeratorCount == 0)
            let published = try await db.ownerScalars("""
                SELECT o.payload->>'measure_id' FROM pf_event_outbox o JOIN cl_quality_measure_periods r ON r.published_event_id = o.id
                WHERE r.measure_id LIKE 'HEDIS_AMM%' ORDER BY 1
                """, as: String.self)
            #expect(published == ["HEDIS_AMM_ACUTE", "HEDIS_AMM_CONT"])
        }
    }

    @Test("AMM: the diagnosis read finds major depression by the codes in use, a subcode included, and nothing else")
    func depressionByCodesInUse() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await QualityPipelineTests.setUp(db, "AMM codes")
            // Anxiety (F41.1) and a depression code outside the window are no major depression for this IPSD.
            try await Self.importBundle(setup, [
                F.encounter("anx", mrn: "MRN-1", classCode: "AMB", start: "2025-08-15"), F.condition("a1", encounter: "anx", code: "F41.1"),
                F.encounter("old", mrn: "MRN-1", classCode: "AMB", start: "2025-05-01"), F.condition("o1", encounter: "old", code: "F32.1"),
                Self.dispense("R1", "2025-08-01", days: 120),
            ], db)
            var results = try await Self.finalize(setup, db)
            #expect(results["HEDIS_AMM_ACUTE"]?.initialPopulationCount == 1)
            #expect(results["HEDIS_AMM_ACUTE"]?.denominatorCount == 0)
            // F33.41 (in remission, a subcode of F33) 60 days after the IPSD, the window's last day.
            try await Self.importBundle(setup, [
                F.encounter("rec", mrn: "MRN-1", classCode: "AMB", start: "2025-09-30"), F.condition("r1", encounter: "rec", code: "F33.41"),
            ], db)
            results = try await Self.finalize(setup, db)
            #expect(results["HEDIS_AMM_ACUTE"]?.denominatorCount == 1)
            #expect(results["HEDIS_AMM_ACUTE"]?.numeratorCount == 1)
        }
    }

    @Test("a loaded NDC list replaces the RxNorm default; hyphenated and 11-digit NDCs are one code")
    func loadedNDCList() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await QualityPipelineTests.setUp(db, "NDC")
            try await Self.importBundle(setup, [
                F.encounter("dep", mrn: "MRN-1", classCode: "AMB", start: "2025-08-01"), F.condition("d1", encounter: "dep", code: "F33.1"),
                Self.dispense("N1", "2025-08-01", days: 90, system: "http://hl7.org/fhir/sid/ndc", code: "0093-7198-56"),
                Self.dispense("N2", "2025-10-30", days: 90, system: "http://hl7.org/fhir/sid/ndc", code: "00093-7198-56"),
            ], db)
            #expect(try await Self.finalize(setup, db)["HEDIS_AMM_ACUTE"]?.denominatorCount == 0)
            let summary = try await db.database.withTenant(setup.tenant.organizationID) { tx in
                try await ValueSetStore.load(csv: "value_set,code_system,code\nAntidepressant Medications,NDC,00093719856\nantidepressant_medication,UBREV,0450\n",
                                             by: setup.principal, in: tx)
            }
            #expect(summary.codes == 1 && summary.skippedRows == 1)
            let results = try await Self.finalize(setup, db)
            #expect(results["HEDIS_AMM_ACUTE"]?.numeratorCount == 1)
            #expect(results["HEDIS_AMM_CONT"]?.numeratorCount == 1)
            #expect(try await db.ownerScalars("SELECT code_system || ':' || code FROM cl_quality_value_set_codes", as: String.self) == ["NDC:00093719856"])
        }
    }

    @Test("IET: an HCPCS SUD service initiates and a naltrexone dispensing engages an alcohol use disorder episode")
    func treatmentBasedIET() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await QualityPipelineTests.setUp(db, "IET")
            try await Self.importBundle(setup, [
                F.encounter("sud", mrn: "MRN-1", classCode: "AMB", start: "2026-03-10"), F.condition("s1", encounter: "sud", code: "F10.20"),
                Self.procedure("P1", "2026-03-23", code: "H0005"),
                Self.dispense("M1", "2026-04-26", days: 30, code: "7243"),
            ], db)
            let results = try await Self.finalize(setup, db)
            #expect(results["HEDIS_IET_INIT"]?.numeratorCount == 1)
            #expect(results["HEDIS_IET_ENGAGE"]?.numeratorCount == 1)
        }
    }

    @Test("care gaps list a new antidepressant supply that lapses within 14 days, with the lapse date")
    func lapsingSupplyGap() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await QualityPipelineTests.setUp(db, "AMM gaps")
            // June 15 in Phoenix: dispensed May 26 for 30 days, on hand through June 24, lapses June 25.
            try await Self.importBundle(setup, [
                F.encounter("dep", mrn: "MRN-1", classCode: "AMB", start: "2026-05-20"), F.condition("d1", encounter: "dep", code: "F32.2"),
                Self.dispense("G1", "2026-05-26", days: 30),
            ], db)
            let now = ISO8601DateFormatter().date(from: "2026-06-15T18:00:00Z")!
            let gaps = try await db.database.withTenant(setup.tenant.organizationID) { tx in try await CareGaps.current(now: now, in: tx) }
            #expect(gaps.map(\.kind) == [.antidepressantAcutePhase])
            #expect(gaps.first?.patientId == setup.patient)
            #expect(gaps.first?.supplyLapsesOn == ServiceDate("2026-06-25"))
            #expect(gaps.first?.daysLeft == 10)
            #expect(gaps.first?.sevenDayDueDate == nil)
        }
    }
}
