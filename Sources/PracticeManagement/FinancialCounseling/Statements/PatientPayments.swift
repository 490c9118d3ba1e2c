public import Foundation
import PostgresNIO
public import Platform

/// How a patient paid.
public enum PatientPaymentMethod: String, Sendable, Codable, Equatable, CaseIterable {
    case cash, check, card, other
}

/// Recording patient payments toward statement balances.
public enum PatientPayments {
    /// Records a payment; audited with ids and the method, not the amount.
    @discardableResult
    public static func record(patientID: UUID, receivedOn: ServiceDate, amountCents: Int, method: PatientPaymentMethod, by principal: Principal?,
                              in tx: TenantTransaction) async throws -> UUID {
        guard amountCents > 0, amountCents <= 100_000_000 else { throw DomainError.invalid("amount_cents", "A payment is a positive number of cents.") }
        _ = try await Patients.find(patientID, in: tx)
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_patient_payments (organization_id, id, patient_id, received_on, amount_cents, method, recorded_by)
            VALUES (\(tx.organizationID), \(id), \(patientID), \(receivedOn.description)::date, \(amountCents), \(method.rawValue), \(principal?.userID))
            """)
        try await AuditLog.record(AuditEntry(action: "patient-payment.recorded", entityType: "patient_payment", entityID: id.uuidString,
                                             details: ["patient_id": patientID.uuidString, "method": method.rawValue]), by: principal, in: tx)
        return id
    }
}
