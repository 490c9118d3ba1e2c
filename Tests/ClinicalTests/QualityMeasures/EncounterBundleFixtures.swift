import Foundation

/// FHIR R4 bundles for the intake tests, built from plain dictionaries so a test can break any field.
enum EncounterBundleFixtures {
    static func encounter(_ id: String, mrn: String, classCode: String, start: Any?, end: Any? = nil, status: String = "finished",
                          ranked: [(String, Int)] = []) -> [String: Any] {
        var period: [String: Any] = [:]
        if let start { period["start"] = start }
        if let end { period["end"] = end }
        var resource: [String: Any] = [
            "resourceType": "Encounter", "id": id, "status": status,
            "identifier": [["system": "urn:oid:1.2.3.4.5", "value": "V-\(id)"]],
            "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": classCode],
            "subject": ["identifier": ["value": mrn]],
            "period": period,
        ]
        if !ranked.isEmpty {
            resource["diagnosis"] = ranked.map { ["condition": ["reference": "Condition/\($0.0)"], "rank": $0.1] }
        }
        return ["fullUrl": "urn:uuid:enc-\(id)", "resource": resource]
    }

    static func condition(_ id: String, encounter: String, code: String) -> [String: Any] {
        ["fullUrl": "urn:uuid:cond-\(id)", "resource": [
            "resourceType": "Condition", "id": id,
            "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code]]],
            "encounter": ["reference": "Encounter/\(encounter)"],
        ] as [String: Any]]
    }

    static func bundle(_ entries: [[String: Any]]) -> Data {
        try! JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": "collection", "entry": entries], options: [.sortedKeys])
    }

    /// A discharge with a principal F32.1 and a secondary F10.20, an ED visit for F41.1, and an outside visit.
    static func sample(mrn: String) -> [[String: Any]] {
        [
            encounter("stay", mrn: mrn, classCode: "IMP", start: "2026-03-05", end: "2026-03-10", ranked: [("c2", 2), ("c1", 1)]),
            condition("c2", encounter: "stay", code: "F10.20"),
            condition("c1", encounter: "stay", code: "F32.1"),
            encounter("ed", mrn: mrn, classCode: "EMER", start: "2026-04-02T23:30:00-07:00"),
            condition("c3", encounter: "ed", code: "F41.1"),
            encounter("visit", mrn: mrn, classCode: "AMB", start: "2026-03-12"),
        ]
    }
}
