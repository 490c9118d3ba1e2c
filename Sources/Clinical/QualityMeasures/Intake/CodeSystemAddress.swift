import Foundation

/// The code systems the intake reads, each under every address senders commonly use, so the same
/// code sent under two spellings of a system's address is one code. Accepted addresses:
/// - ICD-10-CM: `http://hl7.org/fhir/sid/icd-10-cm`, `urn:oid:2.16.840.1.113883.6.90`
/// - CPT: `http://www.ama-assn.org/go/cpt`, `urn:oid:2.16.840.1.113883.6.12`
/// - HCPCS: `https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets`, the same with `http://`,
///   `urn:oid:2.16.840.1.113883.6.285`
/// - ICD-10-PCS: `http://www.cms.gov/Medicare/Coding/ICD10`, `urn:oid:2.16.840.1.113883.6.4`
/// - SNOMED CT: `http://snomed.info/sct`, `urn:oid:2.16.840.1.113883.6.96`
/// - RxNorm: `http://www.nlm.nih.gov/research/umls/rxnorm`, `urn:oid:2.16.840.1.113883.6.88`
/// - NDC: `http://hl7.org/fhir/sid/ndc`, `urn:oid:2.16.840.1.113883.6.69`
public enum ClinicalCodeSystem: String, Sendable, Codable, CaseIterable {
    case icd10CM = "ICD10CM"
    case cpt = "CPT"
    case hcpcs = "HCPCS"
    case icd10PCS = "ICD10PCS"
    case snomed = "SNOMEDCT"
    case rxNorm = "RXNORM"
    case ndc = "NDC"

    public var addresses: [String] {
        switch self {
        case .icd10CM: ["http://hl7.org/fhir/sid/icd-10-cm", "urn:oid:2.16.840.1.113883.6.90"]
        case .cpt: ["http://www.ama-assn.org/go/cpt", "urn:oid:2.16.840.1.113883.6.12"]
        case .hcpcs: ["https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
                      "urn:oid:2.16.840.1.113883.6.285"]
        case .icd10PCS: ["http://www.cms.gov/Medicare/Coding/ICD10", "urn:oid:2.16.840.1.113883.6.4"]
        case .snomed: ["http://snomed.info/sct", "urn:oid:2.16.840.1.113883.6.96"]
        case .rxNorm: ["http://www.nlm.nih.gov/research/umls/rxnorm", "urn:oid:2.16.840.1.113883.6.88"]
        case .ndc: ["http://hl7.org/fhir/sid/ndc", "urn:oid:2.16.840.1.113883.6.69"]
        }
    }

    /// The system an address names; a trailing `/` and the scheme's case do not matter.
    public init?(address: String) {
        let normalized = Self.normalize(address)
        guard let match = Self.allCases.first(where: { $0.addresses.map(Self.normalize).contains(normalized) }) else { return nil }
        self = match
    }

    static func normalize(_ address: String) -> String {
        var text = address.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text.lowercased()
    }
}
