import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The organization's group payer version (Platform migration 0904) decides whether a mark reads
/// the group's payer again or the server's kept one applies. It must move on every committed
/// change to what chooses the payer or its rules, and not on a mark.
@Suite("The group payer version")
struct GroupPayerVersionTests {
    private func version(_ f: ClaimFixture) async throws -> Int64 {
        try await f.db.ownerScalars("SELECT coalesce(max(version), 0) FROM pf_group_payer_versions WHERE organization_id = \(f.tenant.organizationID)",
                                    as: Int64.self).first ?? 0
    }

    @Test("coverages, payers, rules, bands, the roster's members, the session's date and facility and the facility's state move it; a mark does not")
    func movesOnEveryInput() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            // setup
            let f = try await ClaimFixture.make(db)
            let (a, b) = (try await f.patient("A"), try await f.patient("B"))
            let session = try await f.session([(a, .scheduled), (b, .scheduled)])
            let row = try await f.tx { tx in
                try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id = \(a)").first!.decode(UUID.self)
            }
            let payerID = f.payerID
            let facilityID = f.tenant.facility.id
            // MUT and validate: each change, in a transaction of its own, against the version before it.
            func moves(_ what: String, _ change: @escaping @Sendable (TenantTransaction) async throws -> Void) async throws {
                let before = try await version(f)
                try await f.tx { tx in try await change(tx) }
                #expect(try await version(f) > before, "\(what) moves the version")
            }
            try await moves("a coverage's end date") { tx in try await tx.query("UPDATE pm_coverages SET effective_to = '2025-12-31' WHERE patient_id = \(a)") }
            try await moves("a new coverage") { tx in
                _ = try await Coverages.create(patientID: b, payerID: payerID, memberID: "B2", priority: 2, effectiveFrom: ServiceDate(year: 2025, month: 1, day: 1)!,
                                               effectiveTo: nil, by: nil, in: tx)
            }
            try await moves("a removed coverage") { tx in try await tx.query("DELETE FROM pm_coverages WHERE patient_id = \(b) AND priority = 2") }
            try await moves("a payer's name") { tx in try await tx.query("UPDATE pm_payers SET name = 'AHCCCS Care' WHERE id = \(payerID)") }
            try await moves("the payer's rules and bands") { tx in
                _ = try await Payers.replaceGroupRules(payerID: payerID, stateCode: "AZ", maxParticipantsPerSupervisor: 4,
                                                       bands: [GroupSizeBand(minParticipants: 2, maxParticipants: 8, unitRateCents: 1500)], by: nil, in: tx)
            }
            try await moves("a supervision limit alone") { tx in
                try await tx.query("UPDATE pm_supervision_rules SET max_participants_per_supervisor = 5 WHERE payer_id = \(payerID)")
            }
            try await moves("a band's rate alone") { tx in try await tx.query("UPDATE pm_group_size_bands SET unit_rate_cents = 1400 WHERE payer_id = \(payerID)") }
            try await moves("a member removed") { tx in try await tx.query("DELETE FROM cl_group_attendance WHERE session_id = \(session) AND patient_id = \(b)") }
            try await moves("a member added") { tx in
                try await tx.query("""
                    INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id)
                    VALUES (\(tx.organizationID), \(UUID()), \(session), \(b))
                    """)
            }
            try await moves("the session's date") { tx in try await tx.query("UPDATE cl_group_sessions SET session_date = session_date + 1 WHERE id = \(session)") }
            try await moves("the facility's state") { tx in try await tx.query("UPDATE pf_facilities SET state_code = 'TX' WHERE id = \(facilityID)") }

            let before = try await version(f)
            #expect(try await Attendance.markAlone(sessionID: session, rowID: row, to: .attended, expectedVersion: nil, by: f.principal,
                                                   knownPayerVersion: before, database: f.db.database)?.payer == .unchanged)
            try await f.tx { tx in try await tx.query("UPDATE cl_group_sessions SET location = 'Room 2' WHERE id = \(session)") }
            #expect(try await version(f) == before, "a mark and an edit that does not choose the payer leave it")
        }
    }
}
