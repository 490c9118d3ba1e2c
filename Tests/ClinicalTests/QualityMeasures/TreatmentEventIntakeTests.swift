import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Procedures and medication events in encounter bundles")
struct TreatmentEventIntakeTests {
    static let phoenix = TimeZone(identifier: "America/Phoenix")!

    static func dispense(_ id: String, system: String = "http://www.nlm.nih.gov/research/umls/rxnorm", code: String = "1010600",
                         when: Any? = "2026-05-01T23:30:00-07:00", days: Any? = 30) -> [String: Any] {
        var resource: [String: Any] = [
            "resourceType": "MedicationDispense", "status": "completed", "identifier": [["system": "urn:pharmacy", "value": id]],
            "subject": ["identifier": ["value": "MRN-1"]],
            "medicationCodeableConcept": ["coding": [["system": system, "code": code]]],
        ]
        if let when { resource["whenHandedOver"] = when }
        if let days { resource["daysSupply"] = ["value": days] }
        return ["resource": resource]
    }

    static func procedure(_ id: String, system: String, code: String = "H0020", performed: String = "2026-05-02") -> [String: Any] {
        ["resource": [
            "resourceType": "Procedure", "status": "completed", "identifier": [["system": "urn:clinic", "value": id]],
            "subject": ["identifier": ["value": "MRN-1"]], "performedDateTime": performed,
            "code": ["coding": [["system": system, "code": code]]],
        ] as [String: Any]]
    }

    static func other(_ type: String, _ dateField: String, _ date: Any) -> [String: Any] {
        ["resource": [
            "resourceType": type, "status": "completed", "identifier": [["system": "urn:x", "value": type]],
            "subject": ["identifier": ["value": "MRN-1"]], dateField: date,
            "medicationCodeableConcept": ["coding": [["system": "http://hl7.org/fhir/sid/ndc", "code": "0054-0188"]]],
        ] as [String: Any]]
    }

    @Test("each of the four resources is read with its date, code system and days' supply")
    func reads() throws {
        let (_, events) = try EncounterBundleReader.readBundle(EncounterBundleFixtures.bundle([
            Self.dispense("D1"), Self.procedure("P1", system: "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"),
            Self.other("MedicationRequest", "authoredOn", "2026-05-03"), Self.other("MedicationAdministration", "effectiveDateTime", "2026-05-04"),
        ]), timeZone: Self.phoenix)
        #expect(events.map(\.resourceType) == [.medicationDispense, .procedure, .medicationRequest, .medicationAdministration])
        #expect(events[0].date == ServiceDate("2026-05-01") && events[0].daysSupply == 30 && events[0].codeSystem == .rxNorm)
        #expect(events[1].codeSystem == .hcpcs && events[1].code == "H0020")
        #expect(events[2].codeSystem == .ndc && events[3].date == ServiceDate("2026-05-04"))
    }

    @Test("both spellings of HCPCS's address (and its OID) are one system", arguments: [
        "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/", "urn:oid:2.16.840.1.113883.6.285",
    ])
    func hcpcsAddresses(address: String) {
        #expect(ClinicalCodeSystem(address: address) == .hcpcs)
    }

    @Test("refusals name the entry and field", arguments: [
        (EncounterBundleFixtures.bundle([dispense("D1", when: nil)]), "entry[0].resource.whenPrepared"),
        (EncounterBundleFixtures.bundle([dispense("D1", when: "2026-05")]), "entry[0].resource.whenHandedOver"),
        (EncounterBundleFixtures.bundle([dispense("D1", days: 0)]), "entry[0].resource.daysSupply.value"),
        (EncounterBundleFixtures.bundle([dispense("D1", days: "30")]), "entry[0].resource.daysSupply.value"),
        (EncounterBundleFixtures.bundle([dispense("D1", system: "http://example.org/drugs")]), "entry[0].resource.medicationCodeableConcept.coding"),
        (EncounterBundleFixtures.bundle([procedure("P1", system: "http://www.ama-assn.org/go/cpt", code: "99 213")]), "entry[0].resource.code.coding[0].code"),
        (EncounterBundleFixtures.bundle([dispense("D1"), dispense("D1")]), "entry[1].resource.identifier"),
    ])
    func refusals(bundle: Data, field: String) {
        do { _ = try EncounterBundleReader.readBundle(bundle, timeZone: Self.phoenix); Issue.record("accepted") } catch let error as DomainError {
            #expect(error.field == field)
        } catch { Issue.record("\(error)") }
    }

    @Test("stored with the encounters in one transaction, idempotent by identifier, the two HCPCS spellings one code")
    func stores() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Treatments", permissions: [.groupSessionRead], database: db.database)
            let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
            try await db.database.withTenant(tenant.organizationID) { tx in
                _ = try await Patients.create(mrn: "MRN-1", givenName: "Ada", familyName: "Q", dateOfBirth: "1990-01-01", by: nil, in: tx)
            }
            let bundle = EncounterBundleFixtures.bundle([
                Self.dispense("D1"), Self.procedure("P1", system: "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"),
                Self.procedure("P2", system: "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"),
            ])
            let first = try await db.database.withTenant(tenant.organizationID) { tx in try await EncounterImport.importBundle(bundle, by: principal, in: tx) }
            #expect(first == EncounterImportSummary(created: 3, updated: 0, unchanged: 0, diagnoses: 0))
            let again = try await db.database.withTenant(tenant.organizationID) { tx in try await EncounterImport.importBundle(bundle, by: principal, in: tx) }
            #expect(again == EncounterImportSummary(created: 0, updated: 0, unchanged: 3, diagnoses: 0))
            #expect(try await db.ownerScalars("SELECT DISTINCT code_system || ':' || code FROM cl_external_treatment_events WHERE resource_type = 'Procedure'",
                                              as: String.self) == ["HCPCS:H0020"])
            #expect(try await db.ownerScalars("SELECT to_char(event_date, 'YYYY-MM-DD') FROM cl_external_treatment_events WHERE resource_type = 'MedicationDispense'",
                                              as: String.self) == ["2026-05-01"])
            // A bundle whose last entry is refused stores none of its entries.
            let refused = EncounterBundleFixtures.bundle([Self.dispense("D9"), Self.dispense("D10", days: 400)])
            await #expect(throws: DomainError.self) {
                try await db.database.withTenant(tenant.organizationID) { tx in _ = try await EncounterImport.importBundle(refused, by: principal, in: tx) }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_external_treatment_events", as: Int.self) == [3])
        }
    }
}
