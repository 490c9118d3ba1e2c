import Clinical
import Foundation
import Platform
import Testing

@Suite("Reading FHIR encounter bundles")
struct EncounterBundleReaderTests {
    typealias F = EncounterBundleFixtures
    static let phoenix = TimeZone(identifier: "America/Phoenix")!

    static func read(_ entries: [[String: Any]]) throws -> [BundleEncounter] {
        try EncounterBundleReader.read(F.bundle(entries), timeZone: phoenix)
    }

    static func field(_ bundle: Data) -> String? {
        do { _ = try EncounterBundleReader.read(bundle, timeZone: phoenix); return nil } catch let error as DomainError { return error.field } catch { return "\(error)" }
    }

    @Test("encounters with their kind, dates and diagnoses, the ranked one principal")
    func reads() throws {
        let encounters = try Self.read(F.sample(mrn: "MRN-1"))
        #expect(encounters.map(\.kind) == [.inpatient, .emergency, .outpatient])
        let stay = encounters[0]
        #expect(stay.sourceSystem == "urn:oid:1.2.3.4.5")
        #expect(stay.sourceID == "V-stay")
        #expect(stay.patientMRN == "MRN-1")
        #expect(stay.start == ServiceDate("2026-03-05") && stay.end == ServiceDate("2026-03-10"))
        #expect(Set(stay.diagnoses) == [BundleDiagnosis(code: "F321", isPrincipal: true), BundleDiagnosis(code: "F1020", isPrincipal: false)])
        #expect(encounters[1].diagnoses == [BundleDiagnosis(code: "F411", isPrincipal: true)])
        #expect(encounters[2].diagnoses.isEmpty)
    }

    @Test("a time is read on the organization's calendar; a date alone is never shifted", arguments: [
        ("2026-04-02T23:30:00-07:00", "2026-04-02"),
        ("2026-04-03T05:30:00Z", "2026-04-02"),
        ("2026-04-03T06:30:00.250Z", "2026-04-02"),
        ("2026-04-03T07:30:00Z", "2026-04-03"),
        ("2026-04-03", "2026-04-03"),
    ])
    func dates(start: String, expected: String) throws {
        let encounters = try Self.read([F.encounter("e", mrn: "M", classCode: "AMB", start: start)])
        #expect(encounters.first?.start.description == expected)
    }

    @Test("the subject's MRN from a Patient entry of the bundle, by its MR-typed identifier")
    func patientEntry() throws {
        var encounter = F.encounter("e", mrn: "unused", classCode: "AMB", start: "2026-04-03")
        var resource = encounter["resource"] as! [String: Any]
        resource["subject"] = ["reference": "urn:uuid:pat-1"]
        encounter["resource"] = resource
        let patient: [String: Any] = ["fullUrl": "urn:uuid:pat-1", "resource": ["resourceType": "Patient", "identifier": [
            ["system": "urn:hie", "value": "HIE-77"],
            ["type": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"]]], "value": "MRN-9"],
        ]] as [String: Any]]
        #expect(try Self.read([patient, encounter]).first?.patientMRN == "MRN-9")
    }

    static func broken(_ index: Int, _ change: (inout [String: Any]) -> Void) -> Data {
        var entries = F.sample(mrn: "M")
        var resource = entries[index]["resource"] as! [String: Any]
        change(&resource)
        entries[index]["resource"] = resource
        return F.bundle(entries)
    }

    @Test("each refusal names the entry and field", arguments: [
        (broken(1) { $0["resourceType"] = "Observation" }, "entry[1].resource.resourceType"),
        (broken(0) { $0["period"] = nil }, "entry[0].resource.period"),
        (broken(3) { $0["period"] = ["end": "2026-04-02"] }, "entry[3].resource.period.start"),
        (broken(0) { $0["period"] = ["start": "2026-03-05", "end": "2026-03-04"] }, "entry[0].resource.period.end"),
        (broken(0) { $0["period"] = ["start": "2026-03-05"] }, "entry[0].resource.period.end"),
        (broken(5) { $0["period"] = ["start": "2026-03"] }, "entry[5].resource.period.start"),
        (broken(5) { $0["period"] = ["start": "2026-03-12T10:00:00"] }, "entry[5].resource.period.start"),
        (broken(5) { $0["period"] = ["start": "2026-02-30"] }, "entry[5].resource.period.start"),
        (broken(5) { $0["class"] = ["code": "XYZ"] }, "entry[5].resource.class.code"),
        (broken(5) { $0["status"] = "done" }, "entry[5].resource.status"),
        (broken(5) { $0["identifier"] = [] }, "entry[5].resource.identifier"),
        (broken(5) { $0["subject"] = ["display": "someone"] }, "entry[5].resource.subject"),
        (broken(5) { $0["subject"] = ["reference": "Patient/404"] }, "entry[5].resource.subject.reference"),
        (broken(2) { $0["encounter"] = ["reference": "Encounter/elsewhere"] }, "entry[2].resource.encounter.reference"),
        (broken(2) { $0["code"] = ["coding": [["system": "http://snomed.info/sct", "code": "35489007"]]] }, "entry[2].resource.code.coding"),
        (broken(2) { $0["code"] = ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "32.1"]]] }, "entry[2].resource.code.coding[0].code"),
        (broken(0) { $0["diagnosis"] = [["condition": ["reference": "Condition/c1"], "rank": true]] }, "entry[0].resource.diagnosis[0].rank"),
    ])
    func refusals(bundle: Data, field: String) {
        #expect(Self.field(bundle) == field)
    }

    @Test("the same source identifier twice in one bundle is refused at the second")
    func duplicateIdentifier() {
        let entries = [F.encounter("a", mrn: "M", classCode: "AMB", start: "2026-04-03"), F.encounter("a", mrn: "M", classCode: "AMB", start: "2026-04-04")]
        #expect(Self.field(F.bundle(entries)) == "entry[1].resource.identifier[0].value")
    }

    @Test("a body that is no Bundle is refused")
    func notABundle() {
        #expect(throws: DomainError.self) { try EncounterBundleReader.read(Data("[]".utf8), timeZone: Self.phoenix) }
        #expect(throws: DomainError.self) { try EncounterBundleReader.read(Data(#"{"resourceType":"Patient"}"#.utf8), timeZone: Self.phoenix) }
        #expect(throws: DomainError.self) { try EncounterBundleReader.read(Data("not json".utf8), timeZone: Self.phoenix) }
    }
}
