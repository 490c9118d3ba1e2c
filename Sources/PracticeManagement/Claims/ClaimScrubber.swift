public import Foundation
import PostgresNIO
public import Platform

/// The claim scrubber: runs when a claim is built (and on demand) and stores its findings in
/// `pm_claim_validations`, replacing the previous run's.
///
/// Two kinds of finding:
/// - claim-level errors (no price, no diagnosis, missing patient sex or address, no coverage, no
///   billing profile, any field the 837P renderer refuses) that block export;
/// - for every group session among the claim's lines, the group-billing warnings of
///   `previewGroupBilling`, called with the inputs Clinical's live preview uses, read by the same
///   `GroupSessionReadModel` (roster statuses, the group's primary payer and its rules in the
///   facility's state, the duration under the facility site's profile), so the scrubber raises
///   nothing the room did not see.
public enum ClaimScrubber {
    @discardableResult
    public static func scrub(claimID: UUID, jurisdictions: JurisdictionResolver, in tx: TenantTransaction) async throws -> [ClaimValidation] {
        let facts = try await ClaimFacts.load(claimID, in: tx)
        let profile = try await BillingProfiles.find(in: tx)
        var findings = ClaimChecks.problems(facts, profile: profile)
        if findings.isEmpty, let profile, let claim = ClaimEDIMapping.claim(facts, profile: profile) {
            findings += try await renderingProblems(claim, profile: profile, in: tx)
        }
        // A void cancels the session's billing; judging its roster again would only repeat old warnings.
        if facts.detail.claim.frequencyCode != ClaimFrequency.void.rawValue {
            var sessions: [UUID] = []
            for id in facts.detail.lines.compactMap(\.groupSessionID) where !sessions.contains(id) { sessions.append(id) }
            findings += try await groupBillingFindings(sessionIDs: sessions, jurisdictions: jurisdictions, in: tx)
        }
        try await store(findings, claimID: claimID, in: tx)
        return findings
    }

    /// The preview's warnings for each session, as scrubber findings (warnings, not errors).
    static func groupBillingFindings(sessionIDs: [UUID], jurisdictions: JurisdictionResolver, in tx: TenantTransaction) async throws -> [ClaimValidation] {
        var findings: [ClaimValidation] = []
        for id in sessionIDs {
            guard let session = try await GroupSessionReadModel.load(sessionID: id, in: tx) else {
                findings.append(ClaimValidation(severity: .error, code: "GROUP_SESSION_NOT_FOUND",
                                                message: "A line's group session no longer exists in this organization.", field: "group_session_id",
                                                groupSessionID: id))
                continue
            }
            let jurisdiction = await jurisdictions.resolve(siteID: session.facility.siteID, in: tx)
            let preview = previewGroupBilling(participants: session.participants, payer: session.payer,
                                              durationMinutes: session.header.durationMinutes, billing: jurisdiction.billing)
            findings += preview.warnings.map {
                ClaimValidation(severity: .warning, code: $0.code.rawValue, message: $0.message, field: "group_session", groupSessionID: id)
            }
        }
        return findings
    }

    /// Renders the claim alone, exactly as the export would, and reports the first field refused.
    static func renderingProblems(_ claim: ProfessionalClaim, profile: BillingProfile, in tx: TenantTransaction) async throws -> [ClaimValidation] {
        let zone = try await Organizations.timeZone(facility: nil, in: tx)
        let batch = ClaimEDIMapping.batch([claim], profile: profile, controlNumber: 1, createdAt: Date(), timeZone: zone)
        do {
            _ = try ProfessionalClaimEDI.render(batch)
            return []
        } catch {
            switch error {
            case .invalidField(let path, let reason):
                let field = path.hasPrefix("claims[0].") ? String(path.dropFirst("claims[0].".count)) : path
                return [ClaimValidation(severity: .error, code: "EDI_FIELD_INVALID", message: "\(field) \(reason).", field: field)]
            }
        }
    }

    static func store(_ findings: [ClaimValidation], claimID: UUID, in tx: TenantTransaction) async throws {
        try await tx.query("DELETE FROM pm_claim_validations WHERE claim_id = \(claimID)")
        // Row by row: a handful of findings, and optional columns bind plainly this way.
        for (position, finding) in findings.enumerated() {
            try await tx.query("""
                INSERT INTO pm_claim_validations (organization_id, claim_id, position, severity, code, message, field, group_session_id)
                VALUES (\(tx.organizationID), \(claimID), \(position + 1), \(finding.severity.rawValue), \(finding.code), \(finding.message),
                        \(finding.field), \(finding.groupSessionID))
                """)
        }
    }
}
