import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement

/// One patient's record written straight into the tables the quality measures read, for tests
/// that run the set-based statements and the rules over the same history.
enum PatientHistory {
    /// One thing on a patient's record, dated in days from the case's anchor.
    enum Fact: Sendable {
        /// An encounter of `kind` dated `day` (a stay: discharged `day`, admitted two days before) with its diagnoses.
        case encounter(String, day: Int, codes: [String], disposition: String? = nil)
        /// A stay of `kind` from `admitted` to `discharged` with its diagnoses.
        case stay(String, admitted: Int, discharged: Int, codes: [String])
        /// An attended session of the practice.
        case session(day: Int)
        /// A completed procedure, dispensing or administration (`resource`, code system, code).
        case treatment(String, system: String, code: String, day: Int)
    }

    /// Writes `facts` (days from `anchor`) for a new patient born `born`, with coverage ending
    /// `coverageEndsAfter` days after the anchor if given; returns what the rules must be told of
    /// the patient's exclusions (coverage and a death), as the period's reads find them.
    static func record(_ facts: [Fact], born: String, anchor: ServiceDate, coverageEndsAfter: Int?, tenant: TestTenant,
                       database: Database) async throws -> [UUID: MemberStatus] {
        let org = tenant.organizationID
        return try await database.withTenant(org) { tx in
            let patient = try await Patients.create(mrn: "H-1", givenName: "History", familyName: "Case", dateOfBirth: born, by: nil, in: tx).id
            for (n, fact) in facts.enumerated() {
                switch fact {
                case .encounter, .stay:
                    let (kind, start, end, codes, disposition): (String, ServiceDate, ServiceDate, [String], String?)
                    switch fact {
                    case let .stay(stayKind, admitted, discharged, stayCodes):
                        (kind, start, end, codes, disposition) = (stayKind, anchor.adding(days: admitted)!, anchor.adding(days: discharged)!, stayCodes, nil)
                    case let .encounter(encounterKind, day, encounterCodes, encounterDisposition):
                        let date = anchor.adding(days: day)!
                        (kind, start, end, codes, disposition) = (encounterKind, encounterKind == "inpatient" ? date.adding(days: -2)! : date, date,
                                                                  encounterCodes, encounterDisposition)
                    default: continue
                    }
                    let id = UUID()
                    try await tx.query("""
                        INSERT INTO cl_external_encounters (organization_id, id, source_system, source_id, patient_id, kind, status, start_date, end_date,
                                                            discharge_disposition, content_digest)
                        VALUES (\(org), \(id), 'test', \("e-\(n)"), \(patient), \(kind), 'finished', \(start.description)::date, \(end.description)::date,
                                \(disposition), 'x')
                        """)
                    for (index, code) in codes.enumerated() {
                        try await tx.query("""
                            INSERT INTO cl_external_encounter_diagnoses (organization_id, encounter_id, code, is_principal, patient_id, kind, status,
                                                                         start_date, end_date)
                            SELECT organization_id, id, \(code), \(index == 0), patient_id, kind, status, start_date, end_date
                            FROM cl_external_encounters WHERE organization_id = \(org) AND id = \(id)
                            """)
                    }
                case let .session(day):
                    let session = UUID()
                    try await tx.query("""
                        INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time, topic)
                        VALUES (\(org), \(session), \(tenant.facility.id), 'process_group', \(anchor.adding(days: day)!.description)::date,
                                TIME '09:00', TIME '10:00', \("S\(n)"))
                        """)
                    try await tx.query("""
                        INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                        VALUES (\(org), \(UUID()), \(session), \(patient), 'ATTENDED')
                        """)
                case let .treatment(resource, system, code, day):
                    try await tx.query("""
                        INSERT INTO cl_external_treatment_events (organization_id, id, resource_type, source_system, source_id, patient_id, status,
                                                                  event_date, code_system, code, days_supply, content_digest)
                        VALUES (\(org), \(UUID()), \(resource), 'test', \("t-\(n)"), \(patient), 'completed', \(anchor.adding(days: day)!.description)::date,
                                \(system), \(code), 30, 'x')
                        """)
                }
            }
            var members: [UUID: MemberStatus] = [:]
            if let days = coverageEndsAfter {
                let payer = UUID(), through = anchor.adding(days: days)!
                try await tx.query("INSERT INTO pm_payers (organization_id, id, name, payer_code) VALUES (\(org), \(payer), 'Plan', 'PLAN')")
                try await tx.query("""
                    INSERT INTO pm_coverages (organization_id, id, patient_id, payer_id, member_id, priority, effective_from, effective_to)
                    VALUES (\(org), \(UUID()), \(patient), \(payer), 'M-1', 1, DATE '2025-01-01', \(through.description)::date)
                    """)
                members[patient] = MemberStatus(coverage: [CoverageSpan(from: ServiceDate("2025-01-01")!, through: through)])
            }
            for case let .encounter(_, day, _, disposition) in facts where disposition == "exp" {
                members[patient, default: .unknown].deathDate = anchor.adding(days: day)
            }
            return members
        }
    }
}
