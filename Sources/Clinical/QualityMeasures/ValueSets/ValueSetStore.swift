import Foundation
public import Platform
import PostgresNIO

/// The organization's loaded value sets: a CSV of `value_set,code_system,code` rows replaces each
/// value set it names (wholly), and leaves the others as they were.
///
/// `value_set` is the product's key (`mental_illness`) or HEDIS's name (`Mental Illness`,
/// `Intentional Self-Harm`, `Mental Health Diagnosis`, `Alcohol and Other Drug Abuse and
/// Dependence`, `Major Depression`, `Antidepressant Medications`). `code_system` is the product's
/// key (`ICD10CM`, `RXNORM`, `NDC`, `CPT`, `HCPCS`) or any address the intake accepts. Each value
/// set reads only the systems it selects by (`ValueSetName.codeSystems`: diagnoses in ICD-10-CM,
/// antidepressants in RxNorm or NDC, …); other rows in a licensed file (UBREV, POS …) are skipped
/// and counted.
public enum ValueSetStore {
    public struct LoadSummary: Sendable, Hashable, Codable {
        public let valueSets: [String]
        public let codes: Int
        public let skippedRows: Int
    }

    static let hedisNames: [String: ValueSetName] = [
        "mental illness": .mentalIllness, "intentional self-harm": .intentionalSelfHarm,
        "mental health diagnosis": .mentalHealthDiagnosis, "alcohol and other drug abuse and dependence": .alcoholAndOtherDrug,
        "major depression": .majorDepression, "antidepressant medications": .antidepressantMedication,
    ]

    /// Reads the CSV; refusals name `line N: column`.
    public static func parse(_ csv: String) throws -> (codes: [ValueSetName: Set<ValueSetCode>], skipped: Int) {
        var lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }),
              header == ["value_set", "code_system", "code"] else {
            throw DomainError.invalid("line 1", "The first line must be the header value_set,code_system,code.", code: "INVALID_CSV")
        }
        lines.removeFirst()
        var codes: [ValueSetName: Set<ValueSetCode>] = [:]
        var skipped = 0
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces.union(["\""])) }
            guard fields.count == 3 else { throw DomainError.invalid("line \(number)", "Each line needs exactly three fields.", code: "INVALID_CSV") }
            guard let name = ValueSetName(rawValue: fields[0]) ?? hedisNames[fields[0].lowercased()] else {
                throw DomainError.invalid("line \(number): value_set", "Unknown value set; use one of \(ValueSetName.allCases.map(\.rawValue).joined(separator: ", ")).",
                                          code: "INVALID_CSV")
            }
            guard let system = ClinicalCodeSystem(rawValue: fields[1].uppercased()) ?? ClinicalCodeSystem(address: fields[1]),
                  name.codeSystems.contains(system) else {
                skipped += 1
                continue
            }
            guard let code = ValueSetCode(system: system, code: fields[2]) else {
                let example = system == .icd10CM ? "an ICD-10-CM code or category such as F32 or F32.1"
                    : system == .ndc ? "an NDC of 11 digits, or hyphenated 4-4-2, 5-3-2, 5-4-1 or 5-4-2"
                    : "a code of \(system.rawValue)"
                throw DomainError.invalid("line \(number): code", "Must be \(example).", code: "INVALID_CSV")
            }
            codes[name, default: []].insert(code)
        }
        guard !codes.isEmpty else {
            throw DomainError.invalid("code_system", "The file holds no rows in a code system its value sets select by.", code: "INVALID_CSV")
        }
        guard ValueSetCSVFormat.matches(csv) else {
            throw DomainError.invalid("csv", "The file must be exactly the header value_set,code_system,code and rows without blank lines between them; "
                                      + "a code system is one of \(ValueSetCSVFormat.codeSystemNames.joined(separator: ", ")) or a FHIR system address.",
                                      code: "INVALID_CSV")
        }
        return (codes, skipped)
    }

    /// Replaces the value sets the CSV names, in the caller's transaction, audited.
    public static func load(csv: String, by principal: Principal?, in tx: TenantTransaction) async throws -> LoadSummary {
        let (codes, skipped) = try parse(csv)
        let names = codes.keys.map(\.rawValue).sorted()
        try await tx.query("DELETE FROM cl_quality_value_set_codes WHERE value_set = ANY(\(names))")
        let rows = codes.flatMap { name, set in set.map { (name.rawValue, $0) } }
        try await tx.query("""
            INSERT INTO cl_quality_value_set_codes (organization_id, value_set, code_system, code)
            SELECT \(tx.organizationID), r.value_set, r.code_system, r.code
            FROM unnest(\(rows.map(\.0))::text[], \(rows.map(\.1.system.rawValue))::text[], \(rows.map(\.1.code))::text[]) AS r(value_set, code_system, code)
            """)
        try await AuditLog.record(AuditEntry(action: "clinical.quality.value_sets_loaded", entityType: "quality_value_set", entityID: nil,
                                             details: ["value_sets": names.joined(separator: ","), "codes": String(rows.count)]),
                                  by: principal, in: tx)
        return LoadSummary(valueSets: names, codes: rows.count, skippedRows: skipped)
    }

    /// Puts the product's default back for `name`.
    public static func restoreDefault(_ name: ValueSetName, by principal: Principal?, in tx: TenantTransaction) async throws {
        try await tx.query("DELETE FROM cl_quality_value_set_codes WHERE value_set = \(name.rawValue)")
        try await AuditLog.record(AuditEntry(action: "clinical.quality.value_set_default_restored", entityType: "quality_value_set", entityID: name.rawValue),
                                  by: principal, in: tx)
    }

    /// The value sets in effect: the organization's where it loaded them, the defaults otherwise.
    public static func current(in tx: TenantTransaction) async throws -> QualityValueSets {
        var codes: [ValueSetName: [ValueSetCode]] = [:]
        for try await (name, system, code) in try await tx.query("SELECT value_set, code_system, code FROM cl_quality_value_set_codes")
            .decode((String, String, String).self) {
            if let name = ValueSetName(rawValue: name), let system = ClinicalCodeSystem(rawValue: system) {
                codes[name, default: []].append(ValueSetCode(system: system, normalizedCode: code))
            }
        }
        return QualityValueSets(codes.map { QualityValueSet(name: $0.key, members: $0.value, isDefault: false) })
    }
}
