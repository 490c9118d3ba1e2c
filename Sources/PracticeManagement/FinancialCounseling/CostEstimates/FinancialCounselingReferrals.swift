public import Foundation
import PostgresNIO
public import Platform

/// An item of the counselor's worklist: a patient to see about paying, opened by a cost estimate
/// above the financial clearance threshold.
public struct FinancialCounselingReferral: Sendable, Hashable, Codable {
    public let id: UUID
    public let patientID: UUID
    public let source: String
    public let estimateID: UUID?
    public let status: String
    public let thresholdSource: FinancialClearanceThresholdSource?
    public let thresholdCents: Int?
    public let openedAt: Date
}

public enum FinancialCounselingReferrals {
    /// Opens the referral for an estimate unless one exists: the unique estimate key decides, so
    /// concurrent or repeated deliveries open one. Returns the new referral's id, or nil when the
    /// estimate already had one. Audited when opened.
    public static func openForEstimate(estimateID: UUID, patientID: UUID, threshold: FinancialClearanceThreshold,
                                       in tx: TenantTransaction) async throws -> UUID? {
        let id = UUID.random()
        let opened = try await tx.rows("""
            INSERT INTO pm_financial_counseling_referrals (organization_id, id, patient_id, source, estimate_id, threshold_source, threshold_cents)
            VALUES (\(tx.organizationID), \(id), \(patientID), 'cost_estimate', \(estimateID), \(threshold.source.rawValue), \(threshold.cents))
            ON CONFLICT (organization_id, estimate_id) DO NOTHING
            RETURNING id
            """)
        guard !opened.isEmpty else { return nil }
        try await AuditLog.record(AuditEntry(action: "financial-counseling-referral.opened", entityType: "financial_counseling_referral",
                                             entityID: id.uuidString,
                                             details: ["patient_id": patientID.uuidString, "source": "cost_estimate",
                                                       "estimate_id": estimateID.uuidString, "threshold_source": threshold.source.rawValue]),
                                  by: nil, in: tx)
        return id
    }

    /// The worklist: open referrals (or all, when `openOnly` is false), oldest first.
    public static func list(openOnly: Bool, limit: Int = 200, in tx: TenantTransaction) async throws -> [FinancialCounselingReferral] {
        try await tx.rows("""
            SELECT id, patient_id, source, estimate_id, status, threshold_source, threshold_cents, opened_at
            FROM pm_financial_counseling_referrals WHERE (NOT \(openOnly) OR status = 'open')
            ORDER BY opened_at, id LIMIT \(limit)
            """).map(decode)
    }

    /// A patient's referrals, open or not, newest first; 404 for an unknown patient.
    public static func list(patientID: UUID, in tx: TenantTransaction) async throws -> [FinancialCounselingReferral] {
        _ = try await Patients.find(patientID, in: tx)
        return try await tx.rows("""
            SELECT id, patient_id, source, estimate_id, status, threshold_source, threshold_cents, opened_at
            FROM pm_financial_counseling_referrals WHERE patient_id = \(patientID) ORDER BY opened_at DESC, id
            """).map(decode)
    }

    static func decode(_ row: PostgresRow) throws -> FinancialCounselingReferral {
        let (id, patient, source, estimate, status, thresholdSource, cents, opened) =
            try row.decode((UUID, UUID, String, UUID?, String, String?, Int?, Date).self)
        return FinancialCounselingReferral(id: id, patientID: patient, source: source, estimateID: estimate, status: status,
                                           thresholdSource: thresholdSource.flatMap(FinancialClearanceThresholdSource.init(rawValue:)),
                                           thresholdCents: cents, openedAt: opened)
    }
}
