public import Foundation
import PostgresNIO
public import Platform

/// What a claim needs to know about a patient beyond PM-01's registration: administrative sex
/// (DMG03), the address (the patient is the subscriber, so N3/N4 is required) and diagnoses.
public struct PatientClaimFacts: Sendable, Codable, Equatable {
    /// `F`, `M` or `U`, as the payer's enrollment records it.
    public var sex: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var city: String?
    public var stateCode: String?
    /// Five or nine digits.
    public var postalCode: String?
    /// ICD-10-CM, principal first, stored without the dot; a claim uses the first 12.
    public var diagnosisCodes: [String]

    public init(sex: String?, addressLine1: String?, addressLine2: String? = nil, city: String?, stateCode: String?, postalCode: String?,
                diagnosisCodes: [String]) {
        self.sex = sex
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.stateCode = stateCode
        self.postalCode = postalCode
        self.diagnosisCodes = diagnosisCodes
    }

    /// Whether the address has every part a claim needs.
    public var hasAddress: Bool { addressLine1 != nil && city != nil && stateCode != nil && postalCode != nil }

    /// Normalized for storage, or a 422 naming the refused field. Every part is optional except
    /// that an address is all or nothing; diagnoses may be emptied but each must be ICD-10-CM shaped.
    public func validated() throws -> PatientClaimFacts {
        var facts = self
        if let sex = sex?.nilIfBlank {
            guard ["F", "M", "U"].contains(sex.uppercased()) else { throw DomainError.invalid("sex", "sex is F, M or U.") }
            facts.sex = sex.uppercased()
        } else { facts.sex = nil }
        let parts = [addressLine1, city, stateCode, postalCode].map { $0?.nilIfBlank }
        if parts.contains(where: { $0 != nil }) || addressLine2?.nilIfBlank != nil {
            facts.addressLine1 = try ClaimFieldCheck.run("address_line1") { try X12Field.text(addressLine1 ?? "", at: $0, length: 1...55) }
            facts.addressLine2 = try ClaimFieldCheck.run("address_line2") { try X12Field.optionalText(addressLine2, at: $0, length: 1...55) }
            facts.city = try ClaimFieldCheck.run("city") { try X12Field.text(city ?? "", at: $0, length: 2...30) }
            facts.stateCode = try ClaimFieldCheck.run("state_code") { try X12Field.state(stateCode ?? "", at: $0) }
            facts.postalCode = try ClaimFieldCheck.run("postal_code") { try X12Field.postalCode(postalCode ?? "", at: $0, requireZipPlusFour: false) }
        } else {
            (facts.addressLine1, facts.addressLine2, facts.city, facts.stateCode, facts.postalCode) = (nil, nil, nil, nil, nil)
        }
        facts.diagnosisCodes = try diagnosisCodes.enumerated().map { index, raw in
            guard let code = ICD10Code.normalized(raw) else {
                throw DomainError.invalid("diagnosis_codes[\(index)]", "Use an ICD-10-CM code such as F33.1.")
            }
            return code
        }
        if let repeated = facts.diagnosisCodes.indices.first(where: { facts.diagnosisCodes[..<$0].contains(facts.diagnosisCodes[$0]) }) {
            throw DomainError.invalid("diagnosis_codes[\(repeated)]", "This diagnosis is listed twice.")
        }
        guard facts.diagnosisCodes.count <= 24 else { throw DomainError.invalid("diagnosis_codes", "List at most 24 diagnoses; a claim uses the first 12.") }
        return facts
    }
}

/// ICD-10-CM code shape: a letter, a digit, then one to five letters or digits (the dot is optional).
enum ICD10Code {
    static func normalized(_ raw: String) -> String? {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: ".", with: "")
        let characters = Array(code)
        guard (3...7).contains(characters.count), characters[0].isASCII, characters[0].isLetter, characters[1].isASCIIDigit,
              characters.allSatisfy(\.isASCIIAlphanumeric) else { return nil }
        return code
    }
}

extension Patients {
    /// The patient's claim facts; 404 for an unknown patient.
    public static func claimFacts(_ patientID: UUID, in tx: TenantTransaction) async throws -> PatientClaimFacts {
        guard let row = try await tx.rows("""
            SELECT sex, address_line1, address_line2, city, state_code, postal_code,
                   coalesce((SELECT array_agg(d.icd10_code ORDER BY d.position) FROM pm_patient_diagnoses d
                             WHERE d.organization_id = p.organization_id AND d.patient_id = p.id), '{}')
            FROM pm_patients p WHERE p.id = \(patientID)
            """).first else { throw DomainError.notFound("patient") }
        let (sex, line1, line2, city, state, postal, codes) = try row.decode((String?, String?, String?, String?, String?, String?, [String]).self)
        return PatientClaimFacts(sex: sex, addressLine1: line1, addressLine2: line2, city: city, stateCode: state, postalCode: postal,
                                 diagnosisCodes: codes)
    }

    /// Replaces the patient's sex, address and diagnosis list; audit-logged with codes only (no address).
    @discardableResult
    public static func saveClaimFacts(_ facts: PatientClaimFacts, patientID: UUID, by principal: Principal,
                                      in tx: TenantTransaction) async throws -> PatientClaimFacts {
        let f = try facts.validated()
        let updated = try await tx.rows("""
            UPDATE pm_patients SET sex = \(f.sex), address_line1 = \(f.addressLine1), address_line2 = \(f.addressLine2), city = \(f.city),
                   state_code = \(f.stateCode), postal_code = \(f.postalCode)
            WHERE id = \(patientID) RETURNING id
            """)
        guard !updated.isEmpty else { throw DomainError.notFound("patient") }
        try await tx.query("DELETE FROM pm_patient_diagnoses WHERE patient_id = \(patientID)")
        try await tx.query("""
            INSERT INTO pm_patient_diagnoses (organization_id, patient_id, position, icd10_code)
            SELECT \(tx.organizationID), \(patientID), ordinality, code FROM unnest(\(f.diagnosisCodes)::text[]) WITH ORDINALITY AS d(code, ordinality)
            """)
        try await AuditLog.record(AuditEntry(action: "patient.claim-facts.saved", entityType: "patient", entityID: patientID.uuidString,
                                             details: ["diagnosis_count": String(f.diagnosisCodes.count)]), by: principal, in: tx)
        return f
    }
}
