/// The value sets the measures select events by. Each is a list of ICD-10-CM codes matched as
/// prefixes: `F32` covers `F32`, `F32.0`, `F32.A`. Codes are compared without the dot, upper-case.
public enum ValueSetName: String, CaseIterable, Sendable, Codable {
    /// FUH / FUM denominator: the principal diagnosis of the stay or ED visit.
    case mentalIllness = "mental_illness"
    /// FUH / FUM denominator, beside mental illness.
    case intentionalSelfHarm = "intentional_self_harm"
    /// A follow-up visit counts when it carries one of these (or is the practice's own session).
    case mentalHealthDiagnosis = "mental_health_diagnosis"
    /// IET: alcohol and other drug abuse and dependence.
    case alcoholAndOtherDrug = "alcohol_and_other_drug"

    /// The measure each value set serves, for the page.
    public var purpose: String {
        switch self {
        case .mentalIllness: "FUH / FUM: principal diagnosis of the stay or ED visit"
        case .intentionalSelfHarm: "FUH / FUM: principal diagnosis of the stay or ED visit"
        case .mentalHealthDiagnosis: "FUH / FUM: diagnosis on an outside follow-up visit"
        case .alcoholAndOtherDrug: "IET: new SUD episode and its treatment visits"
        }
    }
}

/// One value set: its name, its code system and its codes (as prefixes).
public struct QualityValueSet: Sendable, Hashable {
    /// The only code system the measures read diagnoses in.
    public static let icd10CM = "ICD10CM"

    public let name: ValueSetName
    public let codeSystem: String
    /// Normalized codes (no dot, upper-case), each matching itself and every more specific code.
    public let codes: Set<String>
    /// True for the product's default, false when the organization loaded its own list.
    public let isDefault: Bool

    public init(name: ValueSetName, codeSystem: String = QualityValueSet.icd10CM, codes: some Sequence<String>, isDefault: Bool) {
        self.name = name
        self.codeSystem = codeSystem
        self.codes = Set(codes.map(Self.normalize))
        self.isDefault = isDefault
    }

    /// `f32.a` → `F32A`.
    public static func normalize(_ code: String) -> String {
        code.uppercased().filter { $0 != "." && !$0.isWhitespace }
    }

    /// Whether `code` (in any spelling `normalize` accepts) is in the set or more specific than a member.
    public func contains(_ code: String) -> Bool {
        let normalized = Self.normalize(code)
        var prefix = ""
        for character in normalized {
            prefix.append(character)
            if codes.contains(prefix) { return true }
        }
        return false
    }
}

/// The value sets a calculation uses: the organization's loaded lists where it has them, the
/// product's defaults for the rest.
public struct QualityValueSets: Sendable {
    public let sets: [ValueSetName: QualityValueSet]

    public init(_ sets: [QualityValueSet]) {
        var byName = Dictionary(uniqueKeysWithValues: DefaultValueSets.all.map { ($0.name, $0) })
        for set in sets { byName[set.name] = set }
        self.sets = byName
    }

    public subscript(_ name: ValueSetName) -> QualityValueSet { sets[name] ?? DefaultValueSets.set(name) }

    /// How one encounter's diagnoses classify for the measures.
    public func classify(principal: String?, all codes: [String]) -> DiagnosisFlags {
        let principalIsMentalIllness = principal.map { self[.mentalIllness].contains($0) || self[.intentionalSelfHarm].contains($0) } ?? false
        return DiagnosisFlags(
            principalMentalIllness: principalIsMentalIllness,
            mentalHealth: codes.contains { self[.mentalHealthDiagnosis].contains($0) || self[.mentalIllness].contains($0) },
            substanceUse: codes.contains { self[.alcoholAndOtherDrug].contains($0) })
    }
}

/// What the measures need to know about an encounter's diagnoses.
public struct DiagnosisFlags: Sendable, Hashable {
    /// The principal diagnosis is in Mental Illness or Intentional Self-Harm.
    public let principalMentalIllness: Bool
    /// Any diagnosis is in Mental Health Diagnosis (or Mental Illness).
    public let mentalHealth: Bool
    /// Any diagnosis is in Alcohol and Other Drug.
    public let substanceUse: Bool

    public init(principalMentalIllness: Bool, mentalHealth: Bool, substanceUse: Bool) {
        self.principalMentalIllness = principalMentalIllness
        self.mentalHealth = mentalHealth
        self.substanceUse = substanceUse
    }

    public static let none = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: false)
}
