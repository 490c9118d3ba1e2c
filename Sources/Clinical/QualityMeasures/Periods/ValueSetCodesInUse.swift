public import Platform
import PostgresNIO

/// The value sets narrowed to the exact diagnosis codes this organization's imported encounters
/// carry. Value sets match by prefix (`F32` covers `F321`), which SQL cannot look up by index;
/// the codes in use are few, so the prefix rule runs here once per distinct code and the
/// measures' reads then select by exact code.
public struct ValueSetCodesInUse: Sendable {
    public let valueSets: QualityValueSets
    let codes: [ValueSetName: [String]]

    public init(valueSets: QualityValueSets, codesInUse: some Sequence<String>) {
        self.valueSets = valueSets
        var codes: [ValueSetName: [String]] = [:]
        for code in codesInUse {
            for name in ValueSetName.allCases where valueSets[name].contains(code) { codes[name, default: []].append(code) }
        }
        self.codes = codes
    }

    /// The codes in use that are in any of `names`.
    public func codes(_ names: ValueSetName...) -> [String] {
        Array(Set(names.flatMap { codes[$0] ?? [] })).sorted()
    }

    /// The codes in use behind each flag of `DiagnosisFlags`, combined as `QualityValueSets.classify`
    /// combines the sets: a principal diagnosis in Mental Illness or Intentional Self-Harm; any in
    /// Mental Health Diagnosis or Mental Illness; any in Alcohol and Other Drug.
    var principalMentalIllness: [String] { codes(.mentalIllness, .intentionalSelfHarm) }
    var mentalHealth: [String] { codes(.mentalHealthDiagnosis, .mentalIllness) }
    var substanceUse: [String] { codes(.alcoholAndOtherDrug) }
    /// Of those, the alcohol (F10) and opioid (F11) codes, as `DiagnosisFlags.isAlcoholOrOpioid` says.
    var alcoholOrOpioidUse: [String] { substanceUse.filter(DiagnosisFlags.isAlcoholOrOpioid) }

    /// The organization's current value sets and the distinct codes of its imported diagnoses,
    /// read by walking the code index one distinct value at a time (a few thousand probes at most,
    /// however many diagnoses there are).
    public static func load(in tx: TenantTransaction) async throws -> ValueSetCodesInUse {
        try await load(try await ValueSetStore.current(in: tx), in: tx)
    }

    /// `valueSets` narrowed to the codes in use, for a caller that has already read them.
    public static func load(_ valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> ValueSetCodesInUse {
        var inUse: [String] = []
        for try await code in try await tx.query("""
            WITH RECURSIVE walk(code) AS (
              (SELECT code FROM cl_external_encounter_diagnoses ORDER BY code LIMIT 1)
              UNION ALL
              SELECT (SELECT d.code FROM cl_external_encounter_diagnoses d WHERE d.code > walk.code ORDER BY d.code LIMIT 1)
              FROM walk WHERE walk.code IS NOT NULL
            )
            SELECT code FROM walk WHERE code IS NOT NULL
            """).decode(String.self) {
            inUse.append(code)
        }
        return ValueSetCodesInUse(valueSets: valueSets, codesInUse: inUse)
    }
}
