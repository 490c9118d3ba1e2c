/// The value sets the product ships, built from public ICD-10-CM chapter ranges, public RxNorm
/// ingredient codes and public HCPCS codes because NCQA's HEDIS value sets are licensed. They approximate HEDIS's lists; an organization that holds the
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

    /// Major depression as AMM reads it: single and recurrent major depressive episodes F32.0–F32.5,
    /// F32.9, F33.0–F33.9. Outside it, as in HEDIS's Major Depression list: other depressive
    /// episodes (F32.8: premenstrual dysphoric disorder, F32.89) and depression unspecified (F32.A).
    public static let majorDepression = QualityValueSet(
        name: .majorDepression, codes: ["F32.0", "F32.1", "F32.2", "F32.3", "F32.4", "F32.5", "F32.9", "F33"], isDefault: true)

    /// A documented handful of public RxNorm ingredient codes for common antidepressants (SSRIs,
    /// SNRIs, bupropion, mirtazapine, trazodone, tricyclics). Pharmacies dispense clinical drugs
    /// (RxNorm SCD/SBD or NDC codes), which these ingredient codes do not match: an organization
    /// loads its licensed list (HEDIS's Antidepressant Medications) as RxNorm or NDC rows.
    public static let antidepressantMedication = QualityValueSet(name: .antidepressantMedication, members: rxNorm([
        "36437", // sertraline
        "4493", // fluoxetine
        "2556", // citalopram
        "321988", // escitalopram
        "32937", // paroxetine
        "39786", // venlafaxine
        "72625", // duloxetine
        "42347", // bupropion
        "15996", // mirtazapine
        "10737", // trazodone
        "704", // amitriptyline
        "7531", // nortriptyline
    ]), isDefault: true)

    /// HCPCS services that are SUD treatment by their code: alcohol and/or drug assessment,
    /// counseling, intensive outpatient and day treatment (H0001, H0004, H0005, H0007, H0015,
    /// H0016, H0020 methadone administration, H0022, H0047, H0050, H2035, H2036, T1006), and
    /// opioid treatment program weekly bundles G2067–G2080 and office-based OUD G2086–G2088.
    public static let sudTreatmentProcedure = QualityValueSet(name: .sudTreatmentProcedure, members: codes(.hcpcs, [
        "H0001", "H0004", "H0005", "H0007", "H0015", "H0016", "H0020", "H0022", "H0047", "H0050", "H2035", "H2036", "T1006",
    ] + (2067...2080).map { "G\($0)" } + ["G2086", "G2087", "G2088"]), isDefault: true)

    /// Alcohol and opioid use disorder medications, RxNorm ingredients: naltrexone, acamprosate,
    /// disulfiram, buprenorphine, methadone. As with antidepressants,
    /// an organization loads its licensed dispensing codes (NDC or RxNorm clinical drugs).
    public static let sudMedication = QualityValueSet(name: .sudMedication, members: rxNorm([
        "7243", // naltrexone
        "82819", // acamprosate
        "3554", // disulfiram
        "1819", // buprenorphine
        "6813", // methadone
    ]), isDefault: true)

    /// Long-acting SUD medications given by a clinician, HCPCS: extended-release naltrexone injection
    /// (J2315), extended-release buprenorphine injection (Q9991, Q9992) and buprenorphine implant (J0570).
    public static let longActingSudMedication = QualityValueSet(name: .longActingSudMedication,
                                                                members: codes(.hcpcs, ["J2315", "Q9991", "Q9992", "J0570"]), isDefault: true)

    public static let all = [mentalIllness, intentionalSelfHarm, mentalHealthDiagnosis, alcoholAndOtherDrug, majorDepression,
                             antidepressantMedication, sudTreatmentProcedure, sudMedication, longActingSudMedication]

    static func set(_ name: ValueSetName) -> QualityValueSet {
        switch name {
        case .mentalIllness: mentalIllness
        case .intentionalSelfHarm: intentionalSelfHarm
        case .mentalHealthDiagnosis: mentalHealthDiagnosis
        case .alcoholAndOtherDrug: alcoholAndOtherDrug
        case .majorDepression: majorDepression
        case .antidepressantMedication: antidepressantMedication
        case .sudTreatmentProcedure: sudTreatmentProcedure
        case .sudMedication: sudMedication
        case .longActingSudMedication: longActingSudMedication
        }
    }

    static func rxNorm(_ codes: [String]) -> [ValueSetCode] { self.codes(.rxNorm, codes) }

    static func codes(_ system: ClinicalCodeSystem, _ codes: [String]) -> [ValueSetCode] {
        codes.compactMap { ValueSetCode(system: system, code: $0) }
    }

    /// Three-character categories from `first` to `last` of one letter, e.g. F20…F29.
    static func icd10Range(_ first: String, _ last: String) -> [String] {
        guard let letter = first.first, let low = Int(first.dropFirst()), let high = Int(last.dropFirst()) else { return [] }
        return (low...high).map { number in "\(letter)\(number < 10 ? "0" : "")\(number)" }
    }
}
