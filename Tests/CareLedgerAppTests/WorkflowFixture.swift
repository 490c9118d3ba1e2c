import CareLedgerApp
import Clinical
import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import PracticeManagement

/// A practice ready to bill a group through the composed product: an AHCCCS payer paying bands
/// 2–3 at $16.00 and 5–8 at $12.00, six covered members, a mapping of the group type to 90853,
/// and today's session (09:00–10:00, Phoenix) with the staff member supervising.
struct WorkflowFixture {
    let db: TestDatabase
    let services: CareLedgerServices
    let dispatcher: EventDispatcher
    let tenant: TestTenant
    let principal: Principal
    let sessionID: UUID
    let patients: [UUID]

    static func make(_ db: TestDatabase, permissions: Set<PermissionKey> = [.attendanceWriteForce, .claimsManage]) async throws -> WorkflowFixture {
        let services = CareLedgerServices(database: db.database, bus: EventBus(logger: db.logger), logger: db.logger)
        let tenant = try await TestTenant.create("Workflow", permissions: [.groupSessionRead], database: db.database)
        let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: permissions)
        let (session, patients) = try await db.database.withTenant(tenant.organizationID) { tx in
            let payer = try await Payers.create(name: "AHCCCS Complete Care", payerCode: "AZACC", by: principal, in: tx)
            _ = try await Payers.replaceGroupRules(payerID: payer.id, stateCode: "AZ", maxParticipantsPerSupervisor: 3, bands: [
                GroupSizeBand(minParticipants: 2, maxParticipants: 3, unitRateCents: 1600),
                GroupSizeBand(minParticipants: 5, maxParticipants: 8, unitRateCents: 1200),
            ], by: principal, in: tx)
            try await FeeScheduleStore.addMapping(serviceType: "process_group", procedureCode: "90853", payerID: nil,
                                                  effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, by: principal, in: tx)
            var patients: [UUID] = []
            for index in 1...6 {
                let patient = try await Patients.create(mrn: "W-\(index)", givenName: "Member\(index)", familyName: "Test",
                                                        dateOfBirth: "1990-01-0\(index)", by: principal, in: tx)
                _ = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "M\(index)", priority: 1,
                                               effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!, effectiveTo: nil, by: principal, in: tx)
                patients.append(patient.id)
            }
            _ = try await StaffAssignments.assign(providerUserID: tenant.userID, patientID: patients[0], role: "SUPERVISING", by: principal, in: tx)
            let session = try await GroupSessions.create(NewGroupSession(
                facilityID: tenant.facility.id, groupType: "process_group", sessionDate: ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!),
                startTime: "09:00", endTime: "10:00", patientIDs: patients), by: principal, in: tx)
            return (session, patients)
        }
        return WorkflowFixture(db: db, services: services, dispatcher: EventDispatcher(bus: services.bus, database: db.database, logger: db.logger),
                               tenant: tenant, principal: principal, sessionID: session, patients: patients)
    }

    func tx<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) async throws -> T) async throws -> T {
        try await db.database.withTenant(tenant.organizationID, body)
    }

    /// The roster row of each member, in `patients` order.
    func rowIDs() async throws -> [UUID] {
        let (session, patients) = (sessionID, patients)
        let rows = try await tx { tx in
            try await tx.rows("SELECT patient_id, id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id IS NOT NULL")
                .map { try $0.decode((UUID, UUID).self) }
        }
        let byPatient = Dictionary(uniqueKeysWithValues: rows)
        return patients.compactMap { byPatient[$0] }
    }

    /// Marks members by position (the supervisor ATTENDED too), finalizes, and delivers the documented event.
    func markFinalizeAndBill(_ statuses: [AttendanceStatus]) async throws {
        let (session, principal, bus) = (sessionID, principal, services.bus)
        let rows = try await rowIDs()
        try await tx { tx in
            for (row, status) in zip(rows, statuses) {
                try await GroupSessionWorkflow.mark(sessionID: session, rowID: row, to: status, expectedVersion: nil, by: principal, bus: bus, in: tx)
            }
            let supervisors = try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) AND supervisor_user_id IS NOT NULL")
            for row in supervisors {
                try await GroupSessionWorkflow.mark(sessionID: session, rowID: try row.decode(UUID.self), to: .attended, expectedVersion: nil,
                                                    by: principal, bus: bus, in: tx)
            }
            let outcome = try await GroupSessionWorkflow.finalize(sessionID: session, by: principal, bus: bus, in: tx)
            precondition(outcome.finalized, "every row was marked")
        }
        _ = try await dispatcher.drainOnce()
    }

    /// The session's charges as (patient, status, void reason).
    func charges() async throws -> [(patient: UUID, status: String, voidReason: String?)] {
        try await db.ownerScalars("""
            SELECT patient_id::text || '|' || status || '|' || coalesce(void_reason, '') FROM pm_charges WHERE group_session_id = \(sessionID)
            ORDER BY created_at, id
            """, as: String.self).map { line -> (patient: UUID, status: String, voidReason: String?) in
            let parts = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return (UUID(uuidString: parts[0])!, parts[1], parts[2].isEmpty ? nil : parts[2])
        }
    }
}
