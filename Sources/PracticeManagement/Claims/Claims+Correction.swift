public import Foundation
import PostgresNIO
public import Platform

extension Claims {
    /// After a forced correction voided and rebuilt an original claim's charges: a replacement (7)
    /// carrying the member's active charges on the same payer for the same sessions (plus the
    /// original's charges still active), or, when none remain, a void (8) carrying the original's
    /// lines. The original becomes `corrected` and its lines stop holding their charges. All in the
    /// caller's transaction. A claim already corrected, or a void, answers 409.
    ///
    /// Charges of members who had no claim on the original are not picked up here; build them
    /// with `create(scope:)` for the session after the correction.
    public static func createCorrection(originalClaimID: UUID, reason: String, jurisdictions: JurisdictionResolver, by principal: Principal,
                                        in tx: TenantTransaction) async throws -> ClaimDetail {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(reason.count) else { throw DomainError.invalid("reason", "Say why the claim is corrected (up to 500 characters).") }
        guard let row = try await tx.rows("""
            SELECT claim_number, patient_id, payer_id, frequency_code, status FROM pm_claims WHERE id = \(originalClaimID) FOR UPDATE
            """).first else { throw DomainError.notFound("claim") }
        let (number, patientID, payerID, frequency, status) = try row.decode((String, UUID, UUID, String, String).self)
        guard status != ClaimStatus.corrected.rawValue else {
            throw DomainError(.conflict, code: "ALREADY_CORRECTED", message: "Claim \(number) was already replaced or voided.")
        }
        guard frequency != ClaimFrequency.void.rawValue else {
            throw DomainError(.conflict, code: "CLAIM_IS_VOID", message: "Claim \(number) is a void; there is nothing left to correct.")
        }
        let original = try await find(originalClaimID, in: tx)
        let originalCharges = original.lines.map(\.chargeID)
        let sessions = Array(Set(original.lines.compactMap(\.groupSessionID)))
        let remaining = try await tx.rows("""
            SELECT c.id, coalesce(c.amount_cents, 0)::int8
            FROM pm_charges c
            WHERE c.status = 'active' AND c.patient_id = \(patientID) AND c.payer_id = \(payerID)
              AND (c.id = ANY(\(originalCharges))
                   OR (c.group_session_id = ANY(\(sessions))
                       AND NOT EXISTS (SELECT 1 FROM pm_claim_lines l WHERE l.organization_id = c.organization_id AND l.charge_id = c.id
                                       AND l.current AND l.claim_id <> \(originalClaimID))))
            ORDER BY c.service_date, c.created_at, c.id
            FOR UPDATE OF c
            """).map { try $0.decode((UUID, Int).self) }
        // The original's lines release their charges first, so the replacement's lines can hold them.
        try await tx.query("UPDATE pm_claims SET status = 'corrected', corrected_at = now() WHERE id = \(originalClaimID)")
        try await tx.query("UPDATE pm_claim_lines SET current = false WHERE claim_id = \(originalClaimID)")
        try await AuditLog.record(AuditEntry(action: "claim.corrected", entityType: "claim", entityID: originalClaimID.uuidString, reason: reason,
                                             details: ["before": status, "after": ClaimStatus.corrected.rawValue]),
                                  by: principal, in: tx)
        let id: UUID
        if remaining.isEmpty {
            // A void repeats the original's content: payers match a void to the claim it cancels by it.
            id = try await insertClaim(patientID: patientID, payerID: payerID, frequency: .void, replacing: (originalClaimID, number), reason: reason,
                                       chargeIDs: originalCharges, totalCents: original.claim.totalCents, linesCurrent: false,
                                       by: principal, in: tx)
        } else {
            id = try await insertClaim(patientID: patientID, payerID: payerID, frequency: .replacement, replacing: (originalClaimID, number),
                                       reason: reason, chargeIDs: remaining.map(\.0), totalCents: remaining.reduce(0) { $0 + $1.1 },
                                       linesCurrent: true, by: principal, in: tx)
        }
        try await ClaimScrubber.scrub(claimID: id, jurisdictions: jurisdictions, in: tx)
        return try await find(id, in: tx)
    }
}

extension Claims {
    /// After a forced correction rebuilt a group session's charges: every live claim that held a
    /// charge of the session now void is corrected (a replacement, or a void when nothing of it is
    /// left), then the session's charges on no claim (a member newly billable) are claimed. All in
    /// the caller's transaction. Returns the claims made.
    public static func correctAfterRebuild(sessionID: UUID, reason: String, jurisdictions: JurisdictionResolver, by principal: Principal,
                                           in tx: TenantTransaction) async throws -> [ClaimDetail] {
        let affected = try await tx.rows("""
            SELECT DISTINCT l.claim_id FROM pm_claim_lines l
            JOIN pm_charges c ON c.organization_id = l.organization_id AND c.id = l.charge_id
            JOIN pm_claims k ON k.organization_id = l.organization_id AND k.id = l.claim_id
            WHERE l.current AND c.group_session_id = \(sessionID) AND c.status = 'void' AND k.status <> 'corrected'
            ORDER BY l.claim_id
            """).map { try $0.decode(UUID.self) }
        var made: [ClaimDetail] = []
        for claim in affected {
            made.append(try await createCorrection(originalClaimID: claim, reason: reason, jurisdictions: jurisdictions, by: principal, in: tx))
        }
        do {
            made += try await create(scope: .groupSession(sessionID), jurisdictions: jurisdictions, by: principal, in: tx).claims
        } catch let error as DomainError where error.code == "NOTHING_TO_CLAIM" {
            // Every rebuilt charge is already on a replacement.
        }
        return made
    }
}
