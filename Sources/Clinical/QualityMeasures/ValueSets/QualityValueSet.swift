/// The value sets the measures select events by. Diagnosis sets are ICD-10-CM codes matched as
/// prefixes: `F32` covers `F32`, `F32.0`, `F32.A`, compared without the dot, upper-case. Medication
/// and procedure sets are RxNorm, NDC, CPT or HCPCS codes matched exactly (see `ValueSetCode`).
public enum ValueSetName: String, CaseIterable, Sendable, Codable {
    /// FUH / FUM denominator: the principal diagnosis of the stay or ED visit.
    case mentalIllness = "mental_illness"
    /// FUH / FUM denominator, beside mental illness.
    case intentionalSelfHarm = "intentional_self_harm"
    /// A follow-up visit counts when it carries one of these (or is the practice's own session).
    case mentalHealthDiagnosis = "mental_health_diagnosis"
    /// IET: alcohol and other drug abuse and dependence.
    case alcoholAndOtherDrug = "alcohol_and_other_drug"
    /// AMM: the major-depression diagnosis around the first antidepressant dispensing.
    case majorDepression = "major_depression"
    /// AMM: the antidepressants whose dispensings start and continue treatment.
    case antidepressantMedication = "antidepressant_medication"
    /// IET: procedures that are SUD treatment by their code (SUD services, opioid treatment programs).
    case sudTreatmentProcedure = "sud_treatment_procedure"
    /// IET: alcohol and opioid use disorder medications (medication treatment events).
    case sudMedication = "sud_medication"
    /// IET: long-acting injections and implants, which count as engagement by themselves.
    case longActingSudMedication = "long_acting_sud_medication"

    /// The code systems the set's codes are in; a loaded file's rows in other systems are skipped.
    public var codeSystems: [ClinicalCodeSystem] {
        switch self {
        case .mentalIllness, .intentionalSelfHarm, .mentalHealthDiagnosis, .alcoholAndOtherDrug, .majorDepression: [.icd10CM]
        case .antidepressantMedication, .sudMedication: [.rxNorm, .ndc]
        case .sudTreatmentProcedure: [.cpt, .hcpcs]
        case .longActingSudMedication: [.hcpcs, .rxNorm, .ndc]
        }
    }

    /// The measure each value set serves, for the page.
    public var purpose: String {
        switch self {
        case .mentalIllness: "FUH / FUM: principal diagnosis of the stay or ED visit"
        case .intentionalSelfHarm: "FUH / FUM: principal diagnosis of the stay or ED visit"
        case .mentalHealthDiagnosis: "FUH / FUM: diagnosis on an outside follow-up visit"
        case .alcoholAndOtherDrug: "IET: new SUD episode and its treatment visits"
        case .majorDepression: "AMM: major-depression diagnosis from 60 days before to 60 days after the first dispensing"
        case .antidepressantMedication: "AMM: antidepressant dispensings (treatment days from days' supply)"
        case .sudTreatmentProcedure: "IET: procedures that are SUD treatment events"
        case .sudMedication: "IET: alcohol or opioid use disorder medication dispensed or given (medication treatment)"
        case .longActingSudMedication: "IET: long-acting injection or implant given (counts as engagement)"
        }
    }
}

/// One value set: its name, its code systems and its codes.
public struct QualityValueSet: Sendable, Hashable {
    /// The key of ICD-10-CM, the system diagnosis sets are in.
    public static let icd10CM = ClinicalCodeSystem.icd10CM.rawValue

    public let name: ValueSetName
    /// The systems its codes are in, as the page shows them (`ICD10CM`, `RXNORM, NDC`).
    public var codeSystem: String { name.codeSystems.map(\.rawValue).joined(separator: ", ") }
    /// Normalized codes (see `ValueSetCode`); a diagnosis code also matches every more specific code.
    public let members: Set<ValueSetCode>
    /// True for the product's default, false when the organization loaded its own list.
    public let isDefault: Bool

    /// The codes without their systems.
    public var codes: Set<String> { Set(members.map(\.code)) }

    /// A diagnosis set from ICD-10-CM codes in any spelling `normalize` accepts.
    public init(name: ValueSetName, codes: some Sequence<String>, isDefault: Bool) {
        self.init(name: name, members: codes.map { ValueSetCode(system: .icd10CM, normalizedCode: Self.normalize($0)) }, isDefault: isDefault)
    }

    public init(name: ValueSetName, members: some Sequence<ValueSetCode>, isDefault: Bool) {
        self.name = name
        self.members = Set(members)
        self.isDefault = isDefault
    }

    /// `f32.a` → `F32A`.
    public static func normalize(_ code: String) -> String {
        code.uppercased().filter { $0 != "." && !$0.isWhitespace }
    }

    /// Whether ICD-10-CM `code` (in any spelling `normalize` accepts) is in the set or more specific than a member.
    public func contains(_ code: String) -> Bool {
        let normalized = Self.normalize(code)
        var prefix = ""
        for character in normalized {
            prefix.append(character)
            if members.contains(ValueSetCode(system: .icd10CM, normalizedCode: prefix)) { return true }
        }
        return false
    }

    /// Whether `code` of `system` is in the set: by prefix for ICD-10-CM, exactly (after
    /// normalizing, so an NDC with or without hyphens is one code) for the others.
    public func contains(system: ClinicalCodeSystem, code: String) -> Bool {
        if system == .icd10CM { return contains(code) }
        guard let member = ValueSetCode(system: system, code: code) else { return false }
        return members.contains(member)
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
            substanceUse: codes.contains { self[.alcoholAndOtherDrug].contains($0) },
            alcoholOrOpioidUse: codes.contains { self[.alcoholAndOtherDrug].contains($0) && DiagnosisFlags.isAlcoholOrOpioid($0) },
            majorDepression: codes.contains { self[.majorDepression].contains($0) })
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
    /// An Alcohol and Other Drug diagnosis of alcohol (F10) or opioid (F11) use: the episodes IET
    /// lets medication treatment initiate and engage, as the medications treat only these two.
    public let alcoholOrOpioidUse: Bool
    /// Any diagnosis is in Major Depression (AMM).
    public let majorDepression: Bool

    public init(principalMentalIllness: Bool, mentalHealth: Bool, substanceUse: Bool, alcoholOrOpioidUse: Bool = false, majorDepression: Bool = false) {
        self.principalMentalIllness = principalMentalIllness
        self.mentalHealth = mentalHealth
        self.substanceUse = substanceUse
        self.alcoholOrOpioidUse = alcoholOrOpioidUse
        self.majorDepression = majorDepression
    }

    /// F10 (alcohol) and F11 (opioid) related disorders.
    static func isAlcoholOrOpioid(_ code: String) -> Bool {
        let normalized = QualityValueSet.normalize(code)
        return normalized.hasPrefix("F10") || normalized.hasPrefix("F11")
    }

    public static let none = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: false)
}
