public import Foundation
import PostgresNIO
public import Platform

/// A patient's sliding-fee standing: the authoritative FPL (and the session it came from) and
/// the class it falls in under the schedule in effect on the date asked about.
public struct PatientSlidingFeeTier: Sendable, Equatable, Codable {
    public let patientID: UUID
    public let sessionID: UUID?
    public let fplPercentage: FPLPercentage?
    public let incomeVerified: Bool
    /// Nil without a counseling session, without a schedule, or above 200 % FPL.
    public let tier: SlidingFeeClass?

    enum CodingKeys: String, CodingKey {
        case patientID = "patient_id", sessionID = "session_id", fplPercentage = "fpl_percentage", incomeVerified = "income_verified", tier
    }

    /// The one decision used by the tier display, the statement and the preview.
    public static func decide(patientID: UUID, sessions: [CounselingFPLRecord], schedule: SlidingFeeSchedule?) -> PatientSlidingFeeTier {
        let chosen = AuthoritativeFPL.choose(from: sessions)
        return PatientSlidingFeeTier(patientID: patientID, sessionID: chosen?.sessionID, fplPercentage: chosen?.fplPercentage,
                                     incomeVerified: chosen?.incomeVerifiedAt != nil,
                                     tier: chosen.flatMap { schedule?.tier(for: $0.fplPercentage) })
    }
}

/// Reading patients' counseling records and tiers.
public enum PatientSlidingFeeTiers {
    /// The patient's tier under the schedule in effect on `date`.
    public static func forPatient(_ patientID: UUID, on date: ServiceDate, in tx: TenantTransaction) async throws -> PatientSlidingFeeTier {
        _ = try await Patients.find(patientID, in: tx)
        let records = try await fplRecords(patients: [patientID], in: tx)[patientID] ?? []
        return PatientSlidingFeeTier.decide(patientID: patientID, sessions: records, schedule: try await SlidingFeeSchedules.inEffect(on: date, in: tx))
    }

    /// The FPL records of each patient's sessions (one statement for a batch of patients).
    public static func fplRecords(patients: [UUID], in tx: TenantTransaction) async throws -> [UUID: [CounselingFPLRecord]] {
        var records: [UUID: [CounselingFPLRecord]] = [:]
        for try await (patient, id, date, verified, created, hundredths) in try await tx.query("""
            SELECT patient_id, id, to_char(session_date, 'YYYY-MM-DD'), income_verified_at, created_at, (fpl_percentage * 100)::int
            FROM pm_financial_counseling_sessions WHERE patient_id = ANY(\(patients)::uuid[])
            """).decode((UUID, UUID, String, Date?, Date, Int).self) {
            guard let sessionDate = ServiceDate(date) else { continue }
            records[patient, default: []].append(CounselingFPLRecord(sessionID: id, sessionDate: sessionDate, incomeVerifiedAt: verified,
                                                                     createdAt: created, fplPercentage: FPLPercentage(hundredths: hundredths)))
        }
        return records
    }
}
