public import Foundation
import PostgresNIO
public import Platform

extension Coverages {
    /// Runs the eligibility check of a coverage on a date and records its result and reasons on the
    /// coverage (replacing the last check's), audited with its codes, in the caller's transaction; 404 for an unknown coverage.
    public static func checkEligibility(coverageID: UUID, on date: ServiceDate, by principal: Principal?,
                                        in tx: TenantTransaction) async throws -> CoverageEligibility {
        guard let row = try await tx.rows("""
            SELECT c.active, to_char(c.effective_from, 'YYYY-MM-DD'), to_char(c.effective_to, 'YYYY-MM-DD'), p.id IS NOT NULL,
                   length(trim(c.member_id)) > 0
            FROM pm_coverages c LEFT JOIN pm_payers p ON p.organization_id = c.organization_id AND p.id = c.payer_id
            WHERE c.id = \(coverageID)
            FOR UPDATE OF c
            """).first else { throw DomainError.notFound("coverage") }
        let (active, from, to, payerExists, hasMember) = try row.decode((Bool, String, String?, Bool, Bool).self)
        guard let start = ServiceDate(from) else { throw DomainError.notFound("coverage") }
        let facts = CoverageEligibilityFacts(active: active, effectiveFrom: start, effectiveTo: to.flatMap { ServiceDate($0) },
                                             payerExists: payerExists, hasMemberID: hasMember)
        let result = checkCoverageEligibility(facts, on: date)
        try await tx.query("""
            UPDATE pm_coverages SET eligibility_status = \(result.isEligible ? "eligible" : "ineligible"),
                eligibility_reasons = \(result.reasons.map(\.rawValue))::text[], eligibility_checked_on = \(date.description)::date,
                eligibility_checked_at = now()
            WHERE id = \(coverageID)
            """)
        try await AuditLog.record(AuditEntry(action: "coverage.eligibility-checked", entityType: "coverage", entityID: coverageID.uuidString,
                                             details: ["date": date.description, "result": result.isEligible ? "eligible" : "ineligible",
                                                       "reasons": result.reasons.map(\.rawValue).joined(separator: ",")]),
                                  by: principal, in: tx)
        return result
    }
}
