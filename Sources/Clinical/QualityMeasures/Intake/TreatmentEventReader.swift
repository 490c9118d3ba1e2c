import Foundation
public import Platform

/// A procedure or medication event read from a bundle (issue 19's intake): what was done or
/// given, to whom (by MRN), on which day, under which code.
public struct BundleTreatmentEvent: Sendable, Hashable {
    public enum ResourceType: String, Sendable, Codable, CaseIterable {
        case procedure = "Procedure"
        case medicationRequest = "MedicationRequest"
        case medicationDispense = "MedicationDispense"
        case medicationAdministration = "MedicationAdministration"
    }

    public let resourceType: ResourceType
    public let sourceSystem: String
    public let sourceID: String
    public let patientMRN: String
    /// FHIR status as sent; only completed procedures and dispensings, active or completed
    /// requests and completed administrations are counted.
    public let status: String
    public let date: ServiceDate
    public let codeSystem: ClinicalCodeSystem
    /// Upper-case, without dots for ICD codes; as sent otherwise.
    public let code: String
    /// A dispensing's days' supply.
    public let daysSupply: Int?
    public let entryIndex: Int
}

/// Reads `Procedure`, `MedicationRequest`, `MedicationDispense` and `MedicationAdministration`
/// entries with the same rules as encounters: an identifier to match re-imports, the subject's
/// MRN, a full date (a time read on the organization's calendar), a code in a known system.
enum TreatmentEventReader {
    static let statuses: [BundleTreatmentEvent.ResourceType: Set<String>] = [
        .procedure: ["preparation", "in-progress", "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"],
        .medicationRequest: ["active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"],
        .medicationDispense: ["preparation", "in-progress", "cancelled", "on-hold", "completed", "entered-in-error", "stopped", "declined", "unknown"],
        .medicationAdministration: ["in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped", "unknown"],
    ]

    static func read(_ resource: FHIRJSON, type: BundleTreatmentEvent.ResourceType, index: Int, patients: [String: String],
                     zone: TimeZone) throws -> BundleTreatmentEvent {
        let identifiers = try resource["identifier"].array()
        guard let identifier = try identifiers.first(where: { try $0["value"].string()?.isEmpty == false }) else {
            throw resource["identifier"].refuse("needs an identifier with a value: re-imports are matched by it")
        }
        let sourceSystem = try identifier["system"].string() ?? ""
        let sourceID = try identifier["value"].requiredString()
        guard sourceSystem.count <= 200, sourceID.count <= 200 else { throw identifier["value"].refuse("must be at most 200 characters") }
        let status = try resource["status"].requiredString()
        guard statuses[type]?.contains(status) == true else { throw resource["status"].refuse("must be a FHIR R4 \(type.rawValue).status") }
        let mrn = try EncounterBundleReader.subjectMRN(resource["subject"], patients: patients)

        let dateField: FHIRJSON
        switch type {
        case .procedure: dateField = resource["performedDateTime"].isPresent ? resource["performedDateTime"] : resource["performedPeriod"]["start"]
        case .medicationRequest: dateField = resource["authoredOn"]
        case .medicationDispense: dateField = resource["whenHandedOver"].isPresent ? resource["whenHandedOver"] : resource["whenPrepared"]
        case .medicationAdministration:
            dateField = resource["effectiveDateTime"].isPresent ? resource["effectiveDateTime"] : resource["effectivePeriod"]["start"]
        }
        guard let date = try dateField.date(in: zone) else { throw dateField.refuse("is required") }

        let concept = type == .procedure ? resource["code"] : resource["medicationCodeableConcept"]
        var found: (ClinicalCodeSystem, String)?
        for coding in try concept["coding"].array() {
            guard let system = ClinicalCodeSystem(address: try coding["system"].string() ?? "") else { continue }
            let raw = try coding["code"].requiredString()
            let code = system == .icd10CM || system == .icd10PCS ? QualityValueSet.normalize(raw) : raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard (1...40).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw coding["code"].refuse("must be a code of \(system.rawValue)")
            }
            found = (system, code)
            break
        }
        guard let (codeSystem, code) = found else {
            throw concept["coding"].refuse("needs a coding in a known system (CPT, HCPCS, ICD-10-PCS, SNOMED CT, RxNorm or NDC)")
        }

        var daysSupply: Int?
        if type == .medicationDispense, resource["daysSupply"].isPresent {
            let value = resource["daysSupply"]["value"]
            guard let days = try value.int(), (1...365).contains(days) else { throw value.refuse("must be a whole number of days, 1–365") }
            daysSupply = days
        }
        return BundleTreatmentEvent(resourceType: type, sourceSystem: sourceSystem, sourceID: sourceID, patientMRN: mrn, status: status,
                                    date: date, codeSystem: codeSystem, code: code, daysSupply: daysSupply, entryIndex: index)
    }
}
