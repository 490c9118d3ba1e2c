import Foundation

/// One code of a value set in its system, normalized so the spellings senders use compare equal:
/// ICD-10-CM without the dot, upper-case; CPT and HCPCS upper-case five characters; RxNorm digits;
/// NDC as the 11-digit 5-4-2 form (a hyphenated 4-4-2, 5-3-2 or 5-4-1 NDC gains its leading zero).
public struct ValueSetCode: Sendable, Hashable, Codable {
    public let system: ClinicalCodeSystem
    public let code: String

    /// Nil when `code` is no valid code of `system` (a 10-digit NDC without hyphens is ambiguous).
    public init?(system: ClinicalCodeSystem, code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
        let normalized: String?
        switch system {
        case .icd10CM:
            let icd = QualityValueSet.normalize(trimmed)
            normalized = (2...7).contains(icd.count) && icd.first?.isLetter == true
                && icd.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? icd : nil
        case .cpt, .hcpcs:
            normalized = trimmed.count == 5 && trimmed.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? trimmed : nil
        case .rxNorm:
            normalized = (1...12).contains(trimmed.count) && trimmed.allSatisfy { $0.isASCII && $0.isNumber } ? trimmed : nil
        case .ndc:
            normalized = Self.ndc11(trimmed)
        case .icd10PCS, .snomed:
            normalized = nil
        }
        guard let normalized else { return nil }
        self.system = system
        self.code = normalized
    }

    init(system: ClinicalCodeSystem, normalizedCode: String) {
        self.system = system
        self.code = normalizedCode
    }

    static func ndc11(_ text: String) -> String? {
        let segments = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        switch segments.map(\.count) {
        case [11]: return segments[0]
        case [5, 4, 2]: return segments.joined()
        case [4, 4, 2]: return "0" + segments.joined()
        case [5, 3, 2]: return segments[0] + "0" + segments[1] + segments[2]
        case [5, 4, 1]: return segments[0] + segments[1] + "0" + segments[2]
        default: return nil
        }
    }
}
