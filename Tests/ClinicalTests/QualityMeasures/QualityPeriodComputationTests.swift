import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The set-based period computation reads only each measure's candidates and their windows; it
/// must count exactly what the measures' rules count over every encounter of the period.
@Suite("Quality period computation, set-based")
struct QualityPeriodComputationTests {
    static let codes = ["F321", "F209", "X71", "F1020", "F1120", "F411", "F0390", "I10", "Z0000", "T1491"]
    static let kinds = ["inpatient", "nonacute_inpatient", "emergency", "outpatient", "outpatient", "outpatient"]

    @Test("every measure's set-based computation equals the rules run over all of the period's encounters", arguments: [7, 1_234])
    func matchesTheWholeData(seed: UInt64) async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Set-based \(seed)", permissions: [.groupSessionRead], database: db.database)
            let period = try MeasurementPeriod(start: ServiceDate("2026-01-01")!, end: ServiceDate("2026-06-30")!)
            try await db.database.withTenant(tenant.organizationID) { tx in
                var random = SeededGenerator(seed: seed)
                var patients: [UUID] = []
                for n in 0..<40 {
                    // Ages 3 to 60 on the period's start: some below FUH's 6 and IET's 13.
                    let birth = ServiceDate(year: 1966 + Int.random(in: 0...57, using: &random), month: 1 + n % 12, day: 1 + n % 28)!
                    patients.append(try await Patients.create(mrn: "SB-\(n)", givenName: "Set", familyName: "Based \(n)",
                                                              dateOfBirth: birth.description, by: nil, in: tx).id)
                }
                // 600 encounters from the IET look-back to past the period, clustered on few patients so windows overlap.
                for n in 0..<600 {
                    let patient = patients[Int.random(in: 0..<patients.count, using: &random)]
                    let kind = Self.kinds.randomElement(using: &random)!
                    let start = ServiceDate("2025-06-01")!.adding(days: Int.random(in: 0...420, using: &random))!
                    let end = kind.hasSuffix("inpatient") ? start.adding(days: Int.random(in: 0...5, using: &random))! : start
                    let id = UUID()
                    try await tx.query("""
                        INSERT INTO cl_external_encounters (organization_id, id, source_system, source_id, patient_id, kind, status, start_date, end_date, content_digest)
                        VALUES (\(tx.organizationID), \(id), 'test', \("e-\(n)"), \(patient), \(kind), \(n % 25 == 0 ? "cancelled" : "finished"),
                                \(start.description)::date, \(end.description)::date, 'x')
                        """)
                    let diagnoses = Array(Set((0..<Int.random(in: 1...3, using: &random)).map { _ in Self.codes.randomElement(using: &random)! }))
                    for (index, code) in diagnoses.enumerated() {
                        try await tx.query("""
                            INSERT INTO cl_external_encounter_diagnoses (organization_id, encounter_id, code, is_principal, patient_id, kind, status,
                                                                         start_date, end_date)
                            SELECT organization_id, id, \(code), \(index == 0), patient_id, kind, status, start_date, end_date
                            FROM cl_external_encounters WHERE organization_id = \(tx.organizationID) AND id = \(id)
                            """)
                    }
                }
                for n in 0..<80 {
                    let session = UUID()
                    let date = ServiceDate("2025-12-01")!.adding(days: Int.random(in: 0...240, using: &random))!
                    try await tx.query("""
                        INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time, topic)
                        VALUES (\(tx.organizationID), \(session), \(tenant.facility.id), 'process_group', \(date.description)::date, TIME '09:00', TIME '10:00', \("S\(n)"))
                        """)
                    for patient in Set((0..<3).map { _ in patients[Int.random(in: 0..<patients.count, using: &random)] }) {
                        let status = ["ATTENDED", "LATE", "ABSENT", "SCHEDULED"].randomElement(using: &random)!
                        try await tx.query("""
                            INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                            VALUES (\(tx.organizationID), \(UUID()), \(session), \(patient), \(status))
                            """)
                    }
                }
            }
            let (computed, whole) = try await db.database.withTenant(tenant.organizationID) { tx in
                let computed = try await QualityMeasurePeriodComputation.results(for: period, in: tx).map(\.0)
                let data = try await QualityPeriodData.load(from: period.start.adding(days: -SubstanceUseTreatment.negativeHistoryDays)!, through: period.end,
                                                            valueSets: try await ValueSetStore.current(in: tx), in: tx)
                return (computed, QualityMeasureCalculation.indicators(encounters: data.encounters, birthDates: data.birthDates, period: period))
            }
            // The encounter-based indicators; attendance and AMM (dispensings) have their own tests.
            #expect(computed.filter { ![.groupAttendance, .ammAcute, .ammContinuation].contains($0.indicator) } == whole)
            // The data is rich enough that every measure has members and the comparison means something.
            #expect(whole.allSatisfy { $0.denominator > 0 })
            #expect(whole.contains { $0.exclusions > 0 })
            #expect(computed.first { $0.indicator == .groupAttendance }.map { $0.denominator > 0 && $0.numerator > 0 } == true)
        }
    }
}
