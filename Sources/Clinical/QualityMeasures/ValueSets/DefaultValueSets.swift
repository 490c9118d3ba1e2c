/// The value sets the product ships, built from public ICD-10-CM chapter ranges because NCQA's
/// HEDIS value sets are licensed. They approximate HEDIS's lists; an organization that holds the
/// licensed lists loads them (CSV) and they replace these set by set. The quality page says so.
public enum DefaultValueSets {
    /// Schizophrenia spectrum, mood, anxiety and stress-related, eating, sleep and sexual
    /// dysfunction (non-organic), personality, developmental, and childhood-onset behavioural and
    /// emotional disorders: F20–F48, F50–F53, F59–F69, F80–F99. Dementia and other organic
    /// disorders (F01–F09), substance use (F10–F19) and intellectual disabilities (F70–F79) are
    /// outside it, as in HEDIS's Mental Illness list.
    public static let mentalIllness = QualityValueSet(
        name: .mentalIllness,
        codes: icd10Range("F20", "F48") + icd10Range("F50", "F53") + icd10Range("F59", "F69") + icd10Range("F80", "F99"),
        isDefault: true)

    /// Intentional self-harm: X71–X83 and T14.91 (suicide attempt).
    public static let intentionalSelfHarm = QualityValueSet(
        name: .intentionalSelfHarm, codes: icd10Range("X71", "X83") + ["T14.91"], isDefault: true)

    /// Any mental, behavioural or neurodevelopmental diagnosis outside substance use: F01–F09, F20–F99.
    public static let mentalHealthDiagnosis = QualityValueSet(
        name: .mentalHealthDiagnosis, codes: icd10Range("F01", "F09") + icd10Range("F20", "F99"), isDefault: true)

    /// Alcohol and other drug abuse and dependence: F10–F16, F18, F19 (nicotine, F17, is not).
    public static let alcoholAndOtherDrug = QualityValueSet(
        name: .alcoholAndOtherDrug, codes: icd10Range("F10", "F16") + ["F18", "F19"], isDefault: true)

    public static let all = [mentalIllness, intentionalSelfHarm, mentalHealthDiagnosis, alcoholAndOtherDrug]

    static func set(_ name: ValueSetName) -> QualityValueSet {
        switch name {
        case .mentalIllness: mentalIllness
        case .intentionalSelfHarm: intentionalSelfHarm
        case .mentalHealthDiagnosis: mentalHealthDiagnosis
        case .alcoholAndOtherDrug: alcoholAndOtherDrug
        }
    }

    /// Three-character categories from `first` to `last` of one letter, e.g. F20…F29.
    static func icd10Range(_ first: String, _ last: String) -> [String] {
        guard let letter = first.first, let low = Int(first.dropFirst()), let high = Int(last.dropFirst()) else { return [] }
        return (low...high).map { number in "\(letter)\(number < 10 ? "0" : "")\(number)" }
    }
}
