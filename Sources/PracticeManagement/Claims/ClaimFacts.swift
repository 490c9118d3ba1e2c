import Foundation
import PostgresNIO
import Platform

/// Everything stored that one claim's checks and its 837P need, read in one place so the
/// scrubber and the export judge the same facts.
struct ClaimFacts: Sendable {
    let detail: ClaimDetail
    let patient: Patient
    let patientFacts: PatientClaimFacts
    let payer: Payer
    /// The member id on the patient's coverage by this payer in force on the first service date.
    let memberID: String?

    static func load(_ claimID: UUID, in tx: TenantTransaction) async throws -> ClaimFacts {
        let detail = try await Claims.find(claimID, in: tx)
        let claim = detail.claim
        let patient = try await Patients.find(claim.patientID, in: tx)
        let facts = try await Patients.claimFacts(claim.patientID, in: tx)
        let payer = try await Payers.find(claim.payerID, in: tx)
        let firstDate = detail.lines.map(\.serviceDate).min() ?? ""
        let member = try await tx.rows("""
            SELECT member_id FROM pm_coverages
            WHERE patient_id = \(claim.patientID) AND payer_id = \(claim.payerID) AND active
              AND effective_from <= \(firstDate)::date AND (effective_to IS NULL OR effective_to >= \(firstDate)::date)
            ORDER BY priority, effective_from DESC LIMIT 1
            """).first?.decode(String.self)
        return ClaimFacts(detail: detail, patient: patient, patientFacts: facts,
                          payer: payer, memberID: member)
    }
}
