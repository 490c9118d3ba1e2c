public import Foundation
import PostgresNIO
public import Platform

/// A payer the organization bills (PM-07).
public struct Payer: Sendable, Codable, Equatable {
    public let id: UUID
    public let name: String
    public let payerCode: String
    /// SBR09 on this payer's claims: the kind of coverage it is (Medicaid unless set).
    public let claimFilingIndicator: ClaimFilingIndicator
}

/// Payers and, per payer and state, the supervision rule and group-size bands.
public enum Payers {
    public static func create(name: String, payerCode: String, claimFilingIndicator: ClaimFilingIndicator = .medicaid,
                              by principal: Principal?, in tx: TenantTransaction) async throws -> Payer {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw DomainError.invalid("name", "A payer needs a name.") }
        guard !payerCode.isEmpty else { throw DomainError.invalid("payer_code", "A payer needs its claim payer id.") }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_payers (organization_id, id, name, payer_code, claim_filing_indicator)
            VALUES (\(tx.organizationID), \(id), \(name), \(payerCode), \(claimFilingIndicator.rawValue))
            """)
        try await AuditLog.record(AuditEntry(action: "payer.created", entityType: "payer", entityID: id.uuidString), by: principal, in: tx)
        return Payer(id: id, name: name, payerCode: payerCode, claimFilingIndicator: claimFilingIndicator)
    }

    /// Sets the kind of coverage the payer's claims declare (SBR09). Claims already exported keep
    /// what they were sent with; the next export of any claim uses the new value.
    public static func setClaimFilingIndicator(_ indicator: ClaimFilingIndicator, payerID: UUID, by principal: Principal?,
                                               in tx: TenantTransaction) async throws -> Payer {
        let before = try await find(payerID, in: tx)
        try await tx.query("UPDATE pm_payers SET claim_filing_indicator = \(indicator.rawValue) WHERE id = \(payerID)")
        try await AuditLog.record(AuditEntry(action: "payer.filing-indicator-set", entityType: "payer", entityID: payerID.uuidString,
                                             details: ["before": before.claimFilingIndicator.rawValue, "after": indicator.rawValue]),
                                  by: principal, in: tx)
        return try await find(payerID, in: tx)
    }

    public static func list(in tx: TenantTransaction) async throws -> [Payer] {
        try await tx.rows("SELECT id, name, payer_code, claim_filing_indicator FROM pm_payers ORDER BY name").map(payer)
    }

    /// The payer, or 404 (another tenant's payer reads as missing).
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> Payer {
        guard let row = try await tx.rows("SELECT id, name, payer_code, claim_filing_indicator FROM pm_payers WHERE id = \(id)").first else {
            throw DomainError.notFound("payer")
        }
        return try payer(row)
    }

    private static func payer(_ row: PostgresRow) throws -> Payer {
        let (id, name, code, indicator) = try row.decode((UUID, String, String, String).self)
        // The column's CHECK allows exactly the enum's codes.
        return Payer(id: id, name: name, payerCode: code, claimFilingIndicator: ClaimFilingIndicator(rawValue: indicator) ?? .medicaid)
    }
}

/// Per payer and state: the supervision rule and group-size bands (read back through
/// ``Payers/groupRules(payerID:payerName:stateCode:in:)``).
extension Payers {
    /// Replaces the payer's supervision rule (none when `maxParticipantsPerSupervisor` is nil) and
    /// bands in one state, all or nothing, and returns the rules now in force.
    public static func replaceGroupRules(payerID: UUID, stateCode: String, maxParticipantsPerSupervisor: Int?, bands: [GroupSizeBand],
                                         by principal: Principal?, in tx: TenantTransaction) async throws -> PayerGroupRules {
        guard stateCode.count == 2, stateCode.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw DomainError.invalid("state", "A state code is two capital letters, e.g. AZ.")
        }
        if let limit = maxParticipantsPerSupervisor, limit < 1 {
            throw DomainError.invalid("max_participants_per_supervisor", "The limit is at least 1.")
        }
        for (index, band) in bands.enumerated() {
            guard band.minParticipants >= 1, band.maxParticipants >= band.minParticipants else {
                throw DomainError.invalid("bands[\(index)].max_participants",
                                          "A band runs from at least 1 participant to a maximum no lower than its minimum.")
            }
            // Bounded like a fee-schedule rate, so units × rate can never overflow a charge.
            guard (0...10_000_000).contains(band.unitRateCents) else {
                throw DomainError.invalid("bands[\(index)].unit_rate_cents", "A rate is 0 to 10,000,000 cents.")
            }
        }
        let payer = try await find(payerID, in: tx)
        try await tx.query("DELETE FROM pm_group_size_bands WHERE payer_id = \(payerID) AND state_code = \(stateCode)")
        try await tx.query("DELETE FROM pm_supervision_rules WHERE payer_id = \(payerID) AND state_code = \(stateCode)")
        if let limit = maxParticipantsPerSupervisor {
            try await tx.query("""
                INSERT INTO pm_supervision_rules (organization_id, id, payer_id, state_code, max_participants_per_supervisor)
                VALUES (\(tx.organizationID), \(UUID.random()), \(payerID), \(stateCode), \(limit))
                """)
        }
        for band in bands {
            try await tx.query("""
                INSERT INTO pm_group_size_bands (organization_id, id, payer_id, state_code, min_participants, max_participants, unit_rate_cents)
                VALUES (\(tx.organizationID), \(UUID.random()), \(payerID), \(stateCode), \(band.minParticipants), \(band.maxParticipants),
                        \(band.unitRateCents))
                """)
        }
        try await AuditLog.record(AuditEntry(action: "payer-group-rules.saved", entityType: "payer", entityID: payerID.uuidString,
                                             details: ["state_code": stateCode]), by: principal, in: tx)
        return try await groupRules(payerID: payerID, payerName: payer.name, stateCode: stateCode, in: tx)
    }
}
