import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Quality measures over the organization's data")
struct QualityPipelineTests {
    typealias F = EncounterBundleFixtures

    struct Setup: Sendable {
        let tenant: TestTenant
        let principal: Principal
        let patient: UUID
    }

    static func setUp(_ db: TestDatabase, _ name: String) async throws -> Setup {
        let tenant = try await TestTenant.create(name, permissions: [.groupSessionRead], database: db.database)
        let principal = Principal(organizationID: tenant.organizationID, userID: tenant.userID, credential: .system, permissions: [])
        let patient = try await db.database.withTenant(tenant.organizationID) { tx in
            try await Patients.create(mrn: "MRN-1", givenName: "Ada", familyName: "Quality", dateOfBirth: "1990-01-01", by: nil, in: tx).id
        }
        return Setup(tenant: tenant, principal: principal, patient: patient)
    }

    /// A practice group session on `date` with the patient marked `status`.
    static func groupSession(_ setup: Setup, on date: ServiceDate, status: AttendanceStatus, in tx: TenantTransaction) async throws {
        let session = try await GroupSessions.create(NewGroupSession(
            facilityID: setup.tenant.facility.id, groupType: "process_group", sessionDate: date,
            startTime: "09:00", endTime: "10:00", patientIDs: [setup.patient]), by: setup.principal, in: tx)
        if status != .scheduled {
            try await tx.query("UPDATE cl_group_attendance SET attendance_status = \(status.rawValue) WHERE session_id = \(session)")
        }
    }

    static func count(_ db: TestDatabase, _ table: String) async throws -> Int {
        try await db.ownerScalars("SELECT count(*)::int FROM \(unescaped: table)", as: Int.self).first ?? -1
    }

    @Test("an import is idempotent by source identifier, updates a changed encounter, and is audited without PHI")
    func importIsIdempotent() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await Self.setUp(db, "Intake")
            let org = setup.tenant.organizationID
            let bundle = F.bundle(F.sample(mrn: "MRN-1"))
            let first = try await db.database.withTenant(org) { tx in try await EncounterImport.importBundle(bundle, by: setup.principal, in: tx) }
            #expect(first == EncounterImportSummary(created: 3, updated: 0, unchanged: 0, diagnoses: 3))
            let again = try await db.database.withTenant(org) { tx in try await EncounterImport.importBundle(bundle, by: setup.principal, in: tx) }
            #expect(again == EncounterImportSummary(created: 0, updated: 0, unchanged: 3, diagnoses: 0))
            var entries = F.sample(mrn: "MRN-1")
            entries[0] = F.encounter("stay", mrn: "MRN-1", classCode: "IMP", start: "2026-03-05", end: "2026-03-11", ranked: [("c1", 1)])
            let changedBundle = F.bundle(entries)
            let changed = try await db.database.withTenant(org) { tx in
                try await EncounterImport.importBundle(changedBundle, by: setup.principal, in: tx)
            }
            #expect(changed == EncounterImportSummary(created: 0, updated: 1, unchanged: 2, diagnoses: 2))
            #expect(try await Self.count(db, "cl_external_encounters") == 3)
            #expect(try await db.ownerScalars("SELECT to_char(end_date, 'YYYY-MM-DD') FROM cl_external_encounters WHERE source_id = 'V-stay'", as: String.self) == ["2026-03-11"])
            // The ED visit at 23:30 Phoenix time is on April 2.
            #expect(try await db.ownerScalars("SELECT to_char(start_date, 'YYYY-MM-DD') FROM cl_external_encounters WHERE source_id = 'V-ed'", as: String.self) == ["2026-04-02"])
            let audit = try await db.ownerScalars("SELECT details::text FROM pf_audit_log WHERE action = 'clinical.encounters.imported'", as: String.self)
            #expect(audit.count == 3)
            #expect(!audit.joined().contains("MRN-1"))
        }
    }

    @Test("an unknown MRN refuses the whole bundle, naming the entry, and stores nothing")
    func unknownPatient() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await Self.setUp(db, "Unknown")
            let bundle = F.bundle(F.sample(mrn: "MRN-1") + [F.encounter("other", mrn: "MRN-404", classCode: "AMB", start: "2026-03-12")])
            do {
                try await db.database.withTenant(setup.tenant.organizationID) { tx in
                    _ = try await EncounterImport.importBundle(bundle, by: setup.principal, in: tx)
                }
                Issue.record("the bundle should have been refused")
            } catch let error as DomainError {
                #expect(error.field == "entry[6].resource.subject")
                #expect(error.code == "UNKNOWN_PATIENT")
                #expect(!error.message.contains("MRN-404"))
            }
            #expect(try await Self.count(db, "cl_external_encounters") == 0)
            #expect(try await Self.count(db, "cl_external_encounter_diagnoses") == 0)
        }
    }

    @Test("finalizing computes every indicator from imports and group sessions, stores and publishes it; recalculating adds a version")
    func finalize() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await Self.setUp(db, "Finalize")
            let org = setup.tenant.organizationID
            let bus = EventBus(logger: db.logger)
            let period = MeasurementPeriod.year(2026)
            try await db.database.withTenant(org) { tx in
                _ = try await EncounterImport.importBundle(F.bundle(F.sample(mrn: "MRN-1")), by: setup.principal, in: tx)
                // Discharged March 10: a session on March 16 meets 7 and 30 days. ED April 2: nothing follows.
                try await Self.groupSession(setup, on: ServiceDate(year: 2026, month: 3, day: 16)!, status: .late, in: tx)
                try await Self.groupSession(setup, on: ServiceDate(year: 2026, month: 5, day: 20)!, status: .absent, in: tx)
            }
            let results = try await db.database.withTenant(org) { tx in
                try await QualityPeriodFinalizer.finalize(period, bus: bus, by: setup.principal, in: tx)
            }
            let byMeasure = Dictionary(uniqueKeysWithValues: results.map { ($0.measureId, $0) })
            #expect(byMeasure["HEDIS_FUH_7"]?.denominatorCount == 1)
            #expect(byMeasure["HEDIS_FUH_7"]?.numeratorCount == 1)
            #expect(byMeasure["HEDIS_FUM_30"]?.denominatorCount == 1)
            #expect(byMeasure["HEDIS_FUM_30"]?.numeratorCount == 0)
            #expect(byMeasure["HEDIS_FUM_30"]?.rate == 0)
            // The stay's secondary F10.20 opens an SUD episode at discharge, initiated by the stay itself.
            #expect(byMeasure["HEDIS_IET_INIT"]?.numeratorCount == 1)
            #expect(byMeasure["HEDIS_IET_ENGAGE"]?.numeratorCount == 0)
            #expect(byMeasure["CL_GROUP_ATTENDANCE"]?.denominatorCount == 2)
            #expect(byMeasure["CL_GROUP_ATTENDANCE"]?.rate == 0.5)
            #expect(results.allSatisfy { $0.calculationVersion == 1 })
            #expect(try await Self.count(db, "cl_quality_measure_periods") == QualityIndicator.allCases.count)
            let payloads = try await db.ownerScalars("""
                SELECT o.payload::text FROM pf_event_outbox o JOIN cl_quality_measure_periods r ON r.published_event_id = o.id
                WHERE o.event_type = 'cl_quality_measure_period_calculated' AND o.channel = 'cl_events'
                """, as: String.self)
            #expect(payloads.count == QualityIndicator.allCases.count)
            // Aggregates only: no patient id, MRN or name anywhere in what was published.
            #expect(!payloads.joined().contains(setup.patient.uuidString.lowercased()) && !payloads.joined().contains(setup.patient.uuidString))
            #expect(!payloads.joined().contains("MRN-1") && !payloads.joined().contains("Ada"))
            let decoded = try payloads.map { try JSONDecoder.events.decode(QualityMeasurePeriodCalculated.Payload.self, from: Data($0.utf8)) }
            for payload in decoded { try QualityMeasurePeriodCalculated.validate(payload) }
            #expect(decoded.first { $0.measureId == "HEDIS_FUH_7" }?.metadata?["initial_population_count"] == .integer(1))

            let again = try await db.database.withTenant(org) { tx in
                try await QualityPeriodFinalizer.finalize(period, bus: bus, by: setup.principal, in: tx)
            }
            #expect(again.allSatisfy { $0.calculationVersion == 2 })
            let latest = try await db.database.withTenant(org) { tx in try await QualityPeriodResults.latest(in: tx) }
            #expect(latest.count == QualityIndicator.allCases.count && latest.allSatisfy { $0.calculationVersion == 2 })
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'clinical.quality.period_finalized'", as: Int.self) == [2])
        }
    }

    @Test("the period-end job finalizes the quarter and year just ended on the organization's calendar, once")
    func periodEndJob() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await Self.setUp(db, "Job")
            let bus = EventBus(logger: db.logger)
            // Data in the quarter, so every rule runs over a period shorter than some of its windows.
            try await db.database.withTenant(setup.tenant.organizationID) { tx in
                var entries = F.sample(mrn: "MRN-1")
                entries.append(F.encounter("late-ed", mrn: "MRN-1", classCode: "EMER", start: "2026-12-20"))
                entries.append(F.condition("c9", encounter: "late-ed", code: "F32.0"))
                _ = try await EncounterImport.importBundle(F.bundle(entries), by: setup.principal, in: tx)
            }
            // 2027-01-01 06:30 UTC is still December 31 in Phoenix: nothing has ended yet.
            let beforeMidnight = ISO8601DateFormatter().date(from: "2027-01-01T06:30:00Z")!
            #expect(try await QualityPeriodJob.run(now: beforeMidnight, database: db.database, bus: bus) == 0)
            let afterMidnight = ISO8601DateFormatter().date(from: "2027-01-01T07:30:00Z")!
            #expect(try await QualityPeriodJob.run(now: afterMidnight, database: db.database, bus: bus) == 2)
            #expect(try await QualityPeriodJob.run(now: afterMidnight, database: db.database, bus: bus) == 0)
            let periods = try await db.ownerScalars("""
                SELECT DISTINCT to_char(period_start, 'YYYY-MM-DD') || '..' || to_char(period_end, 'YYYY-MM-DD') FROM cl_quality_measure_periods
                WHERE organization_id = \(setup.tenant.organizationID) ORDER BY 1
                """, as: String.self)
            #expect(periods == ["2026-01-01..2026-12-31", "2026-10-01..2026-12-31"])
        }
    }

    @Test("the schedule closes a quarter on its next day and the year on January 1", arguments: [
        ("2026-04-01", ["2026-01-01..2026-03-31"]), ("2026-03-01", []), ("2026-04-02", []),
        ("2027-01-01", ["2026-10-01..2026-12-31", "2026-01-01..2026-12-31"]),
    ])
    func schedule(today: String, periods: [String]) {
        #expect(QualityPeriodSchedule.periodsEnded(before: ServiceDate(today)!).map { "\($0.start)..\($0.end)" } == periods)
    }

    @Test("care gaps list the open follow-up windows of today from imported discharges")
    func careGaps() async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let setup = try await Self.setUp(db, "Gaps")
            try await db.database.withTenant(setup.tenant.organizationID) { tx in
                _ = try await EncounterImport.importBundle(F.bundle(F.sample(mrn: "MRN-1")), by: setup.principal, in: tx)
            }
            // April 5 in Phoenix: the ED visit of April 2 is open, and so is the March 10 discharge until April 9
            // (the March 12 visit elsewhere carries no mental-health diagnosis, so it is no follow-up).
            let now = ISO8601DateFormatter().date(from: "2026-04-05T18:00:00Z")!
            let gaps = try await db.database.withTenant(setup.tenant.organizationID) { tx in try await CareGaps.current(now: now, in: tx) }
            #expect(gaps.map(\.kind) == [.hospitalization, .emergencyVisit])
            #expect(gaps.allSatisfy { $0.patientId == setup.patient })
            #expect(gaps.first?.thirtyDayDueDate == ServiceDate("2026-04-09"))
            #expect(gaps.last?.sevenDayDueDate == ServiceDate("2026-04-09"))
        }
    }
}
