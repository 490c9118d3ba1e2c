public import Foundation
import PostgresNIO
public import Platform

/// One interchange written from stored claims.
public struct ClaimInterchange: Sendable, Equatable {
    /// ISA13, from the organization's increasing sequence (0 for a preview, which takes none).
    public let controlNumber: Int
    public let claimIDs: [UUID]
    /// The 837P text, segments ending `~` and a newline.
    public let content: String
}

/// Exports stored claims as 837P interchanges.
public enum ClaimEDIExport {
    /// Scrubs each claim again, refuses the lot if any has a blocking finding (naming the claim and
    /// the problem) or was already corrected, then renders one interchange under the next control
    /// number, records it and marks open claims `exported`. All in the caller's transaction.
    public static func export(claimIDs: [UUID], jurisdictions: JurisdictionResolver, by principal: Principal, createdAt: Date = Date(),
                              in tx: TenantTransaction) async throws -> ClaimInterchange {
        let ids = claimIDs.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !ids.isEmpty else { throw DomainError.invalid("claim_ids", "Name at least one claim to export.") }
        let (profile, claims) = try await exportable(ids, jurisdictions: jurisdictions, in: tx)
        let controlNumber = try await ClaimCounters.next(ClaimCounters.interchangeControlNumber, in: tx)
        let text = try await render(claims, profile: profile, controlNumber: controlNumber, createdAt: createdAt, in: tx)
        try await tx.query("""
            INSERT INTO pm_edi_interchanges (organization_id, control_number, claim_ids, content, created_by)
            VALUES (\(tx.organizationID), \(controlNumber), \(ids), \(text), \(principal.userID))
            """)
        try await tx.query("""
            UPDATE pm_claims SET status = CASE WHEN status = 'open' THEN 'exported' ELSE status END, exported_at = now(),
                   last_interchange_control_number = \(controlNumber)
            WHERE id = ANY(\(ids))
            """)
        try await AuditLog.record(AuditEntry(action: "claims.exported", entityType: "edi_interchange", entityID: String(controlNumber),
                                             details: ["claims": String(ids.count)]), by: principal, in: tx)
        return ClaimInterchange(controlNumber: controlNumber, claimIDs: ids, content: text)
    }

    /// The file one claim would be sent as, with the control number the next export would take.
    /// Refused like an export. Nothing is kept: the re-scrub it runs is rolled back to a savepoint,
    /// so a GET changes no stored finding and uses up no number.
    public static func preview(claimID: UUID, jurisdictions: JurisdictionResolver, createdAt: Date = Date(),
                               in tx: TenantTransaction) async throws -> ClaimInterchange {
        try await tx.query("SAVEPOINT claim_edi_preview")
        do {
            let (profile, claims) = try await exportable([claimID], jurisdictions: jurisdictions, in: tx)
            let controlNumber = try await ClaimCounters.peek(ClaimCounters.interchangeControlNumber, in: tx)
            let text = try await render(claims, profile: profile, controlNumber: controlNumber, createdAt: createdAt, in: tx)
            try await tx.query("ROLLBACK TO SAVEPOINT claim_edi_preview")
            return ClaimInterchange(controlNumber: controlNumber, claimIDs: [claimID], content: text)
        } catch {
            _ = try? await tx.query("ROLLBACK TO SAVEPOINT claim_edi_preview")
            throw error
        }
    }

    /// The profile and the claims' renderer models, or the refusal that names the claim and problem.
    static func exportable(_ ids: [UUID], jurisdictions: JurisdictionResolver,
                           in tx: TenantTransaction) async throws -> (BillingProfile, [ProfessionalClaim]) {
        guard let profile = try await BillingProfiles.find(in: tx) else {
            throw DomainError(.unprocessable, code: "BILLING_PROFILE_MISSING",
                              message: "Set the organization's billing profile (NPI, EIN, billing address, submitter, receiver) before exporting claims.")
        }
        var claims: [ProfessionalClaim] = []
        for (index, id) in ids.enumerated() {
            let findings = try await ClaimScrubber.scrub(claimID: id, jurisdictions: jurisdictions, in: tx)
            let facts = try await ClaimFacts.load(id, in: tx)
            let number = facts.detail.claim.claimNumber
            guard facts.detail.claim.status != .corrected else {
                throw DomainError(.conflict, code: "CLAIM_CORRECTED",
                                  message: "Claim \(number) was superseded by a replacement or void; export that claim instead.", field: "claim_ids[\(index)]")
            }
            if let blocking = findings.first(where: { $0.severity == .error }) {
                throw DomainError(.unprocessable, code: "CLAIM_NOT_EXPORTABLE",
                                  message: "Claim \(number) cannot be exported: \(blocking.code): \(blocking.message)", field: "claim_ids[\(index)]")
            }
            guard let claim = ClaimEDIMapping.claim(facts, profile: profile) else {
                throw DomainError(.unprocessable, code: "CLAIM_NOT_EXPORTABLE", message: "Claim \(number) lacks facts the 837P requires.",
                                  field: "claim_ids[\(index)]")
            }
            claims.append(claim)
        }
        return (profile, claims)
    }

    /// Renders one interchange; a refusal here would mean the scrubber missed a rule, so it is still a 422.
    private static func render(_ claims: [ProfessionalClaim], profile: BillingProfile, controlNumber: Int, createdAt: Date,
                               in tx: TenantTransaction) async throws -> String {
        let zone = try await Organizations.timeZone(facility: nil, in: tx)
        let batch = ClaimEDIMapping.batch(claims, profile: profile, controlNumber: controlNumber, createdAt: createdAt, timeZone: zone)
        do {
            return try ProfessionalClaimEDI.render(batch)
        } catch {
            throw DomainError(.unprocessable, code: "EDI_FIELD_INVALID", message: error.description)
        }
    }
}
