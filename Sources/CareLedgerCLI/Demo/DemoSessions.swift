import Clinical
import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// Today's group sessions for the demo: one per facility, on every start, so `serve --demo`
/// always has something to take attendance on. Coverage and supervising assignments are set
/// once, so each preview warning is a few clicks away (see the README's demo walk-through).
enum DemoSessions {
    static let groups: [String: (type: String, start: String, end: String, topic: String)] = [
        "Phoenix Outpatient Center": ("process_group", "09:00", "10:30", "Relapse prevention"),
        "Tucson IOP Program": ("iop_group", "13:00", "16:00", "Distress tolerance"),
        "El Paso Recovery Annex": ("skills_group", "10:00", "11:00", "Building routines"),
        "Oakland Community Clinic": ("process_group", "10:00", "11:30", "Family roles and recovery"),
    ]

    static func ensureToday(organizationID: UUID, database: Database) async throws {
        try await database.withTenant(organizationID) { tx in
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            try await ensureCoverageAndSupervisors(in: tx)
            let facilities = try await tx.rows("SELECT id, name, time_zone FROM pf_facilities ORDER BY name").map { try $0.decode((UUID, String, String).self) }
            let patients = try await tx.rows("SELECT id FROM pm_patients ORDER BY mrn").map { try $0.decode(UUID.self) }
            for (facility, name, zone) in facilities {
                guard let group = groups[name], let timeZone = TimeZone(identifier: zone) else { continue }
                let today = ServiceDate.today(in: timeZone)
                let exists = try await tx.rows("""
                    SELECT 1 FROM cl_group_sessions WHERE facility_id = \(facility) AND session_date = \(today.description)::date
                    """)
                guard exists.isEmpty else { continue }
                // The IOP group is the smaller one; the others take the whole roster.
                let roster = group.type == "iop_group" ? Array(patients.prefix(5)) : patients
                _ = try await GroupSessions.create(NewGroupSession(facilityID: facility, groupType: group.type, sessionDate: today,
                                                                   startTime: group.start, endTime: group.end, patientIDs: roster,
                                                                   location: "Group room", topic: group.topic), by: system, in: tx)
            }
        }
    }

    /// Every patient gets primary coverage with the organization's first payer; each supervisor
    /// supervises the first two patients.
    static func ensureCoverageAndSupervisors(in tx: TenantTransaction) async throws {
        guard try await tx.rows("SELECT 1 FROM pm_coverages").isEmpty else { return }
        guard let payer = try await Payers.list(in: tx).first(where: { !$0.name.hasPrefix("Texas") }) else { return }
        let patients = try await tx.rows("SELECT id FROM pm_patients ORDER BY mrn").map { try $0.decode(UUID.self) }
        let since = ServiceDate(year: 2025, month: 1, day: 1)!
        for (index, patient) in patients.enumerated() {
            _ = try await Coverages.create(patientID: patient, payerID: payer.id, memberID: "\(payer.payerCode)\(100_000 + index * 7919)",
                                           priority: 1, effectiveFrom: since, effectiveTo: nil, by: nil, in: tx)
        }
        let supervisors = try await tx.rows("""
            SELECT m.user_id FROM pf_memberships m
            JOIN pf_membership_roles mr ON mr.organization_id = m.organization_id AND mr.membership_id = m.id
            JOIN pf_roles r ON r.organization_id = mr.organization_id AND r.id = mr.role_id
            WHERE r.key = 'supervisor'
            """).map { try $0.decode(UUID.self) }
        for supervisor in supervisors {
            for patient in patients.prefix(2) {
                _ = try await StaffAssignments.assign(providerUserID: supervisor, patientID: patient, role: "SUPERVISING", by: nil, in: tx)
            }
        }
    }
}
