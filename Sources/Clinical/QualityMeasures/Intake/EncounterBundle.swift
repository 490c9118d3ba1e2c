public import Foundation
public import Platform

/// An encounter read from a FHIR R4 `Bundle`, ready to store: who (by MRN), what kind, when, and
/// its ICD-10-CM diagnoses.
public struct BundleEncounter: Sendable, Hashable {
    /// `Encounter.identifier.system` ("" when the sender gives none) and `.value`: the source
    /// identifier a re-import is matched by.
    public let sourceSystem: String
    public let sourceID: String
    /// The practice's medical record number the subject carries.
    public let patientMRN: String
    public let kind: QualityEncounter.Kind
    /// FHIR `Encounter.status`; only `finished` encounters are counted.
    public let status: String
    public let start: ServiceDate
    public let end: ServiceDate
    public let diagnoses: [BundleDiagnosis]
    /// `Encounter.hospitalization.dischargeDisposition` (HL7 discharge-disposition code) when
    /// sent: `exp` (expired) and `hosp` (to hospice) exclude the patient from the measures.
    public let dischargeDisposition: String?
    /// Where it was in the bundle, for refusals found later (an unknown MRN).
    public let entryIndex: Int
}

/// One ICD-10-CM diagnosis of an encounter.
public struct BundleDiagnosis: Sendable, Hashable {
    /// Normalized: no dot, upper-case.
    public let code: String
    public let isPrincipal: Bool

    public init(code: String, isPrincipal: Bool) {
        self.code = code
        self.isPrincipal = isPrincipal
    }
}

/// Reads a FHIR R4 `Bundle` of `Encounter`, `Condition` and `Patient` resources, and the
/// procedures and medication events `TreatmentEventReader` reads. Everything is
/// checked before anything is stored; the first problem refuses the whole bundle naming its entry
/// and field.
///
/// - Patients are matched by MRN: `Encounter.subject.identifier.value`, or the `Patient` entry
///   the subject references (by `fullUrl` or `Patient/<id>`), its identifier typed `MR` (or its
///   only identifier). Patient entries are read for that and never stored.
/// - `Encounter.class.code` (v3 ActCode) gives the kind: IMP/ACUTE inpatient, NONAC nonacute
///   inpatient, EMER emergency, AMB/VR/HH/OBSENC/FLD/SS outpatient.
/// - A `Condition` belongs to the encounter its `encounter.reference` names, which must be in the
///   same bundle; the principal diagnosis is the one the encounter ranks 1 in `Encounter.diagnosis`,
///   else the first condition of the encounter in bundle order.
public enum EncounterBundleReader {
    public static let maximumEntries = 20_000
    /// ICD-10-CM's two addresses: the FHIR URI and the HL7 OID.
    public static let icd10CMSystems: Set<String> = ["http://hl7.org/fhir/sid/icd-10-cm", "urn:oid:2.16.840.1.113883.6.90"]
    static let acceptedResources: Set<String> = Set(["Encounter", "Condition", "Patient"] + BundleTreatmentEvent.ResourceType.allCases.map(\.rawValue))
    static let statuses: Set<String> = ["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"]

    static func kind(forClass code: String) -> QualityEncounter.Kind? {
        switch code {
        case "IMP", "ACUTE": .inpatient
        case "NONAC": .nonacuteInpatient
        case "EMER": .emergency
        case "AMB", "VR", "HH", "OBSENC", "FLD", "SS": .outpatient
        default: nil
        }
    }

    /// The encounters of `data`; dates with a time are placed on `zone`'s calendar.
    public static func read(_ data: Data, timeZone zone: TimeZone) throws -> [BundleEncounter] {
        try readBundle(data, timeZone: zone).encounters
    }

    /// Everything `data` holds: encounters with their diagnoses, and procedures and medication events.
    public static func readBundle(_ data: Data, timeZone zone: TimeZone) throws -> (encounters: [BundleEncounter], treatments: [BundleTreatmentEvent]) {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw DomainError(.badRequest, code: "INVALID_JSON", message: "The body is not JSON.")
        }
        let bundle = FHIRJSON(object, path: "")
        guard bundle.value is [String: Any] else { throw DomainError.invalid("resourceType", "must be a FHIR Bundle object", code: "INVALID_FHIR") }
        guard try bundle["resourceType"].string() == "Bundle" else { throw bundle["resourceType"].refuse("must be Bundle") }
        let entries = try bundle["entry"].array()
        guard entries.count <= maximumEntries else {
            throw DomainError(.payloadTooLarge, code: "BUNDLE_TOO_LARGE", message: "A bundle may hold at most \(maximumEntries) entries.", field: "entry")
        }

        // First pass: resource types, and where each resource can be referenced from.
        var patientsByReference: [String: String] = [:]
        var encounterIndexByReference: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let resource = entry["resource"]
            guard resource.value is [String: Any] else { throw resource.refuse("must be a FHIR resource object") }
            let type = try resource["resourceType"].requiredString()
            guard acceptedResources.contains(type) else {
                throw resource["resourceType"].refuse("\(type) is not accepted here (accepted: \(acceptedResources.sorted().joined(separator: ", ")))",
                                                      code: "UNSUPPORTED_RESOURCE")
            }
            var references: [String] = []
            if let fullURL = try entry["fullUrl"].string() { references.append(fullURL) }
            if let id = try resource["id"].string() { references.append("\(type)/\(id)") }
            if type == "Patient" {
                let mrn = try medicalRecordNumber(resource["identifier"])
                for reference in references { patientsByReference[reference] = mrn }
            } else if type == "Encounter" {
                for reference in references { encounterIndexByReference[reference] = index }
            }
        }

        // Second pass: conditions, grouped by the encounter entry they belong to.
        var diagnosesByEncounter: [Int: [(code: String, conditionReferences: [String])]] = [:]
        for entry in entries where try entry["resource"]["resourceType"].string() == "Condition" {
            let resource = entry["resource"]
            let reference = try resource["encounter"]["reference"].requiredString()
            guard let encounterIndex = encounterIndexByReference[reference] else {
                throw resource["encounter"]["reference"].refuse("must name an Encounter in the same bundle", code: "UNKNOWN_REFERENCE")
            }
            let codings = try resource["code"]["coding"].array()
            var icd: String?
            for coding in codings where icd10CMSystems.contains(try coding["system"].string() ?? "") {
                let code = QualityValueSet.normalize(try coding["code"].requiredString())
                guard (3...7).contains(code.count), code.first?.isLetter == true, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw coding["code"].refuse("must be an ICD-10-CM code such as F32.1")
                }
                icd = code
                break
            }
            guard let icd else { throw resource["code"]["coding"].refuse("needs an ICD-10-CM coding (system http://hl7.org/fhir/sid/icd-10-cm)") }
            var own: [String] = []
            if let fullURL = try entry["fullUrl"].string() { own.append(fullURL) }
            if let id = try resource["id"].string() { own.append("Condition/\(id)") }
            diagnosesByEncounter[encounterIndex, default: []].append((icd, own))
        }

        // Third pass: encounters.
        var encounters: [BundleEncounter] = []
        var firstIndexBySource: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where try entry["resource"]["resourceType"].string() == "Encounter" {
            let resource = entry["resource"]
            let identifiers = try resource["identifier"].array()
            guard let identifier = try identifiers.first(where: { try $0["value"].string()?.isEmpty == false }) else {
                throw resource["identifier"].refuse("needs an identifier with a value: re-imports are matched by it")
            }
            let sourceSystem = try identifier["system"].string() ?? ""
            let sourceID = try identifier["value"].requiredString()
            guard sourceSystem.count <= 200, sourceID.count <= 200 else { throw identifier["value"].refuse("must be at most 200 characters") }
            if let first = firstIndexBySource["\(sourceSystem)|\(sourceID)"] {
                throw identifier["value"].refuse("repeats the identifier of entry[\(first)]", code: "DUPLICATE_IDENTIFIER")
            }
            firstIndexBySource["\(sourceSystem)|\(sourceID)"] = index

            let status = try resource["status"].requiredString()
            guard statuses.contains(status) else { throw resource["status"].refuse("must be a FHIR R4 Encounter.status") }
            let classCode = try resource["class"]["code"].requiredString()
            guard let kind = kind(forClass: classCode) else {
                throw resource["class"]["code"].refuse("must be one of IMP, ACUTE, NONAC, EMER, AMB, VR, HH, OBSENC, FLD, SS")
            }
            let period = resource["period"]
            guard period.isPresent else { throw period.refuse("is required") }
            guard let start = try period["start"].date(in: zone) else { throw period["start"].refuse("is required") }
            let end = try period["end"].date(in: zone)
            if end == nil, status == "finished", kind == .inpatient || kind == .nonacuteInpatient {
                throw period["end"].refuse("is required for a finished stay (it is the discharge date)")
            }
            if let end, end < start { throw period["end"].refuse("must not be before period.start") }
            let mrn = try subjectMRN(resource["subject"], patients: patientsByReference)
            let disposition = try dischargeDisposition(resource["hospitalization"]["dischargeDisposition"])

            let ranked = try resource["diagnosis"].array().compactMap { diagnosis -> (String, Int)? in
                guard let reference = try diagnosis["condition"]["reference"].string(), let rank = try diagnosis["rank"].int() else { return nil }
                return (reference, rank)
            }
            let principalReferences = Set(ranked.filter { $0.1 == 1 }.map(\.0))
            let conditions = diagnosesByEncounter[index] ?? []
            var diagnoses: [BundleDiagnosis] = []
            for (position, condition) in conditions.enumerated() {
                let principal = principalReferences.isEmpty ? position == 0 : condition.conditionReferences.contains(where: principalReferences.contains)
                if let existing = diagnoses.firstIndex(where: { $0.code == condition.code }) {
                    if principal { diagnoses[existing] = BundleDiagnosis(code: condition.code, isPrincipal: true) }
                } else {
                    diagnoses.append(BundleDiagnosis(code: condition.code, isPrincipal: principal))
                }
            }
            encounters.append(BundleEncounter(sourceSystem: sourceSystem, sourceID: sourceID, patientMRN: mrn, kind: kind, status: status,
                                              start: start, end: end ?? start, diagnoses: diagnoses, dischargeDisposition: disposition,
                                              entryIndex: index))
        }
        var treatments: [BundleTreatmentEvent] = []
        var firstTreatmentBySource: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let resource = entry["resource"]
            guard let type = BundleTreatmentEvent.ResourceType(rawValue: try resource["resourceType"].string() ?? "") else { continue }
            let event = try TreatmentEventReader.read(resource, type: type, index: index, patients: patientsByReference, zone: zone)
            let key = "\(type.rawValue)|\(event.sourceSystem)|\(event.sourceID)"
            if let first = firstTreatmentBySource[key] {
                throw resource["identifier"].refuse("repeats the identifier of entry[\(first)]", code: "DUPLICATE_IDENTIFIER")
            }
            firstTreatmentBySource[key] = index
            treatments.append(event)
        }
        return (encounters, treatments)
    }

    /// HL7's discharge-disposition code system.
    public static let dischargeDispositionSystem = "http://terminology.hl7.org/CodeSystem/discharge-disposition"

    /// The HL7 discharge-disposition code of the concept, if it has one; other systems are ignored.
    static func dischargeDisposition(_ concept: FHIRJSON) throws -> String? {
        for coding in try concept["coding"].array() where try coding["system"].string() == dischargeDispositionSystem {
            let code = try coding["code"].requiredString()
            guard (1...40).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw coding["code"].refuse("must be an HL7 discharge-disposition code such as home, hosp or exp")
            }
            return code
        }
        return nil
    }

    static func subjectMRN(_ subject: FHIRJSON, patients: [String: String]) throws -> String {
        guard subject.isPresent else { throw subject.refuse("is required") }
        if let value = try subject["identifier"]["value"].string(), !value.isEmpty { return value }
        guard let reference = try subject["reference"].string() else {
            throw subject.refuse("must carry identifier.value (the MRN) or reference a Patient entry of the bundle")
        }
        guard let mrn = patients[reference] else {
            throw subject["reference"].refuse("must name a Patient entry of the bundle", code: "UNKNOWN_REFERENCE")
        }
        return mrn
    }

    /// The identifier typed MR (medical record number), else the only identifier.
    static func medicalRecordNumber(_ identifiers: FHIRJSON) throws -> String {
        let all = try identifiers.array()
        for identifier in all {
            let codes = try identifier["type"]["coding"].array().compactMap { try $0["code"].string() }
            if codes.contains("MR") { return try identifier["value"].requiredString() }
        }
        guard all.count == 1 else { throw identifiers.refuse("needs an identifier typed MR (or exactly one identifier)") }
        return try all[0]["value"].requiredString()
    }
}
