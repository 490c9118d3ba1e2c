import Foundation
public import Platform
import PostgresNIO

/// The organization's loaded value sets: a CSV of `value_set,code_system,code` rows replaces each
/// value set it names (wholly), and leaves the others as they were.
///
/// `value_set` is the product's key (`mental_illness`) or HEDIS's name (`Mental Illness`,
/// `Intentional Self-Harm`, `Mental Health Diagnosis`, `Alcohol and Other Drug Abuse and
/// Dependence`). Only ICD-10-CM rows (`ICD10CM`, or either ICD-10-CM address) are read: the
/// measures select by diagnosis. Rows of other code systems (CPT, HCPCS, UBREV …) in a licensed
/// file are skipped and counted.
public enum ValueSetStore {
    public struct LoadSummary: Sendable, Hashable, Codable {
        public let valueSets: [String]
        public let codes: Int
        public let skippedRows: Int
    }

    static let hedisNames: [String: ValueSetName] = [
        "mental illness": .mentalIllness, "intentional self-harm": .intentionalSelfHarm,
        "mental health diagnosis": .mentalHealthDiagnosis, "alcohol and other drug abuse and dependence": .alcoholAndOtherDrug,
    ]

    /// Reads the CSV; refusals name `line N: column`.
    public static func parse(_ csv: String) throws -> (codes: [ValueSetName: Set<String>], skipped: Int) {
        var lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }),
              header == ["value_set", "code_system", "code"] else {
            throw DomainError.invalid("line 1", "The first line must be the header value_set,code_system,code.", code: "INVALID_CSV")
        }
        lines.removeFirst()
        var codes: [ValueSetName: Set<String>] = [:]
        var skipped = 0
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces.union(["\""])) }
            guard fields.count == 3 else { throw DomainError.invalid("line \(number)", "Each line needs exactly three fields.", code: "INVALID_CSV") }
            guard let name = ValueSetName(rawValue: fields[0]) ?? hedisNames[fields[0].lowercased()] else {
                throw DomainError.invalid("line \(number): value_set", "Unknown value set; use one of \(ValueSetName.allCases.map(\.rawValue).joined(separator: ", ")).",
                                          code: "INVALID_CSV")
            }
            let system = fields[1]
            guard system.uppercased() == QualityValueSet.icd10CM || EncounterBundleReader.icd10CMSystems.contains(system) else {
                skipped += 1
                continue
            }
            let code = QualityValueSet.normalize(fields[2])
            guard (2...7).contains(code.count), code.first?.isLetter == true, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw DomainError.invalid("line \(number): code", "Must be an ICD-10-CM code or category such as F32 or F32.1.", code: "INVALID_CSV")
            }
            codes[name, default: []].insert(code)
        }
        guard !codes.isEmpty else { throw DomainError.invalid("code_system", "The file holds no ICD-10-CM rows.", code: "INVALID_CSV") }
        guard ValueSetCSVFormat.matches(csv) else {
            throw DomainError.invalid("csv", "The file must be exactly the header value_set,code_system,code and rows without blank lines between them; "
                                      + "a code system other than ICD-10-CM is one of \(ValueSetCSVFormat.otherCodeSystems.joined(separator: ", ")).",
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
            SELECT \(tx.organizationID), r.value_set, 'ICD10CM', r.code FROM unnest(\(rows.map(\.0))::text[], \(rows.map(\.1))::text[]) AS r(value_set, code)
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
        var codes: [ValueSetName: [String]] = [:]
        for try await (name, code) in try await tx.query("SELECT value_set, code FROM cl_quality_value_set_codes").decode((String, String).self) {
            if let name = ValueSetName(rawValue: name) { codes[name, default: []].append(code) }
        }
        return QualityValueSets(codes.map { QualityValueSet(name: $0.key, codes: $0.value, isDefault: false) })
    }
}
