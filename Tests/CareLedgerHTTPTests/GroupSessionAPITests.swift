import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// A practice with six covered patients in one Arizona group: the payer allows 3 participants per
/// supervisor and pays bands of 2–3 and 5–8, so every warning is reachable by a few marks.
struct GroupFixture {
    let tenant: TestTenant
    let sessionID: String
    let patients: [String]

    static let permissions: [PermissionKey] = [.groupSessionRead, .groupSessionManage, .attendanceWrite, .patientsManage, .patientsRead,
                                               .billingRulesManage]

    static func make(_ client: some TestClientProtocol, db: TestDatabase, name: String = "Group", covered: Bool = true,
                     extraPermissions: [PermissionKey] = []) async throws -> GroupFixture {
        let tenant = try await TestTenant.create(name, permissions: permissions + extraPermissions, database: db.database)
        var patients: [String] = []
        for index in 1...6 {
            let response = try await client.call(.post, "/api/v1/patients", as: tenant, json: #"""
                {"mrn":"G-\#(index)","given_name":"Member\#(index)","family_name":"Test","date_of_birth":"1990-01-0\#(index)"}
                """#)
            patients.append(try #require((response.json as? [String: Any])?["id"] as? String))
        }
        if covered {
            let payer = try #require((try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"AHCCCS Complete Care","payer_code":"AZACC"}"#)
                .json as? [String: Any])?["id"] as? String)
            let rules = try await client.call(.put, "/api/v1/payers/\(payer)/group-rules/AZ", as: tenant, json: #"""
                {"max_participants_per_supervisor":3,"bands":[{"min_participants":2,"max_participants":3,"unit_rate_cents":1600},
                                                              {"min_participants":5,"max_participants":8,"unit_rate_cents":1200}]}
                """#)
            #expect(rules.status == .ok)
            for patient in patients {
                #expect(try await client.call(.post, "/api/v1/patients/\(patient)/coverages", as: tenant,
                                              json: #"{"payer_id":"\#(payer)","member_id":"M\#(patient.prefix(6))","effective_from":"2025-01-01"}"#).status == .created)
            }
        }
        #expect(try await client.call(.post, "/api/v1/staff-assignments", as: tenant,
                                      json: #"{"provider_user_id":"\#(tenant.userID)","patient_id":"\#(patients[0])","role":"SUPERVISING"}"#).status == .created)
        let today = ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!).description
        let created = try await client.call(.post, "/api/v1/group-sessions", as: tenant, json: #"""
            {"facility_id":"\#(tenant.facility.id)","group_type":"process_group","session_date":"\#(today)","start_time":"09:00","end_time":"10:00",
             "patient_ids":[\#(patients.map { "\"\($0)\"" }.joined(separator: ","))],"topic":"Coping skills"}
            """#)
        #expect(created.status == .created)
        let session = try #require(((created.json as? [String: Any])?["session"] as? [String: Any])?["id"] as? String)
        return GroupFixture(tenant: tenant, sessionID: session, patients: patients)
    }

    func detail(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try #require(try await client.call(.get, "/api/v1/group-sessions/\(sessionID)", as: tenant).json as? [String: Any])
    }

    func rows(_ client: some TestClientProtocol, _ key: String = "roster") async throws -> [[String: Any]] {
        try #require(try await detail(client)[key] as? [[String: Any]])
    }

    /// Marks a row and returns the response.
    @discardableResult
    func mark(_ client: some TestClientProtocol, row: [String: Any], _ status: String, version: Int? = nil) async throws -> TestResponse {
        let id = row["id"] as? String ?? ""
        let versionPart = version.map { #","row_version":\#($0)"# } ?? ""
        return try await client.call(.post, "/api/v1/group-sessions/\(sessionID)/attendance/\(id)", as: tenant,
                                     json: #"{"status":"\#(status)"\#(versionPart)}"#)
    }

    static func warningCodes(_ preview: [String: Any]?) -> [String] {
        ((preview?["warnings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }
}

@Suite("Group sessions and attendance through the API")
struct GroupSessionAPITests {
    @Test("a new session shows its roster with legal moves, its supervisor, and the unattended warning")
    func newSessionDetail() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let detail = try await group.detail(client)
            let roster = try #require(detail["roster"] as? [[String: Any]])
            #expect(roster.count == 6)
            #expect(roster.allSatisfy { $0["status"] as? String == "SCHEDULED" && $0["legal_next_states"] as? [String] == ["ATTENDED", "ABSENT", "LATE"] })
            let supervisors = try #require(detail["supervisors"] as? [[String: Any]])
            #expect(supervisors.map { $0["name"] as? String } == ["Group staff"])
            let preview = detail["billing_preview"] as? [String: Any]
            #expect(GroupFixture.warningCodes(preview) == ["GROUP_UNATTENDED_BILLED"])
            #expect(preview?["expected_units_per_member"] as? Int == 4, "60 minutes under 8/15 is 4 units")
            #expect((preview?["payer"] as? [String: Any])?["name"] as? String == "AHCCCS Complete Care")
            let summary = detail["session"] as? [String: Any]
            #expect(summary?["attendance_summary"] as? String == "6 scheduled")
        }
    }

    @Test("warnings appear and clear as attendance is marked, then the session finalizes")
    func warningsFollowMarks() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            var roster = try await group.rows(client)
            var last: TestResponse?
            for row in roster.prefix(4) { last = try await group.mark(client, row: row, "ATTENDED") }
            var preview = (last?.json as? [String: Any])?["billing_preview"] as? [String: Any]
            // Four billable, no supervisor present yet: ratio breached; four is between the 2–3 and 5–8 bands.
            #expect(GroupFixture.warningCodes(preview) == ["GROUP_UNATTENDED_BILLED", "SUPERVISION_RATIO_BREACH", "GROUP_SIZE_BAND_MISMATCH"])
            let mismatch = (preview?["warnings"] as? [[String: Any]])?.last?["figures"] as? [String: Int]
            #expect(mismatch?["coded_band_min"] == 2)
            #expect(mismatch?["coded_band_max"] == 3)
            #expect((preview?["band"] as? [String: Any])?["unit_rate_cents"] as? Int == 1600)

            let supervisor = try #require(try await group.rows(client, "supervisors").first)
            try await group.mark(client, row: supervisor, "ATTENDED")
            roster = try await group.rows(client)
            let attended = roster.filter { $0["status"] as? String == "ATTENDED" }
            last = try await group.mark(client, row: attended[0], "ABSENT")
            preview = (last?.json as? [String: Any])?["billing_preview"] as? [String: Any]
            #expect(GroupFixture.warningCodes(preview) == ["GROUP_UNATTENDED_BILLED"], "3 billable with one supervisor fits both rules")

            let early = try #require(try await client.call(.post, "/api/v1/group-sessions/\(group.sessionID)/finalize", as: group.tenant).json as? [String: Any])
            #expect(early["finalized"] as? Bool == false)
            #expect((early["unmarked_row_ids"] as? [String])?.count == 2)

            for row in try await group.rows(client) where row["status"] as? String == "SCHEDULED" {
                last = try await group.mark(client, row: row, "ABSENT")
            }
            preview = (last?.json as? [String: Any])?["billing_preview"] as? [String: Any]
            #expect(GroupFixture.warningCodes(preview).isEmpty)
            #expect(preview?["billable_count"] as? Int == 3)
            let done = try #require(try await client.call(.post, "/api/v1/group-sessions/\(group.sessionID)/finalize", as: group.tenant).json as? [String: Any])
            #expect(done["finalized"] as? Bool == true)
            let summary = try await group.detail(client)["session"] as? [String: Any]
            #expect(summary?["attendance_summary"] as? String == "3 attended, 3 absent")
            #expect(summary?["documentation_status"] as? String == "finalized")
        }
    }

    @Test("illegal moves, stale versions, unknown statuses and locked sessions are refused and change nothing")
    func refusedMarks() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let row = try #require(try await group.rows(client).first)
            #expect(try await group.mark(client, row: row, "ATTENDED", version: 1).status == .ok)
            let same = try await group.mark(client, row: row, "ATTENDED")
            #expect(same.status == .conflict)
            #expect(same.errorBody?.code == "ILLEGAL_TRANSITION")
            let backToScheduled = try await group.mark(client, row: row, "SCHEDULED")
            #expect(backToScheduled.errorBody?.code == "ILLEGAL_TRANSITION")
            let stale = try await group.mark(client, row: row, "LATE", version: 1)
            #expect(stale.status == .conflict)
            #expect(stale.errorBody?.code == "STALE_ROW")
            let unknownRow = try await group.mark(client, row: ["id": UUID().uuidString.lowercased()], "LATE")
            #expect(unknownRow.status == .notFound)
            let unknownSession = try await client.call(.post, "/api/v1/group-sessions/\(UUID().uuidString.lowercased())/attendance/\(row["id"] as? String ?? "")",
                                                       as: group.tenant, json: #"{"status":"LATE"}"#)
            #expect(unknownSession.status == .notFound)
            let unknown = try await group.mark(client, row: row, "PRESENT")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorBody?.field == "status")
            try await db.asOwner("UPDATE cl_group_sessions SET locked_at = now()")
            let locked = try await group.mark(client, row: row, "LATE", version: 2)
            #expect(locked.status == .conflict)
            #expect(locked.errorBody?.code == "LOCKED")
            let after = try #require(try await group.rows(client).first { $0["id"] as? String == row["id"] as? String })
            #expect(after["status"] as? String == "ATTENDED")
            #expect(after["row_version"] as? Int == 2)
            let audits = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'attendance.marked'", as: Int.self)
            #expect(audits == [1])
        }
    }

    @Test("a malformed mark is refused in the envelope, naming its field where the decoder tells it, and changes nothing", arguments: [
        (#"{"row_version":1}"#, "MISSING_FIELD", "status"),
        (#"{"status":null}"#, "MISSING_FIELD", "status"),
        (#"{"status":"ATTENDED","row_version":"1"}"#, "WRONG_TYPE", "row_version"),
        // Foundation does not say which field a number failed to fit.
        (#"{"status":"ATTENDED","row_version":1.5}"#, "WRONG_TYPE", nil),
        (#"{"status":"ATTENDED","row_version":99999999999999999999}"#, "WRONG_TYPE", nil),
        (#"{"status":"ATTENDED","force":"yes","reason":"late entry"}"#, "WRONG_TYPE", "force"),
        (#"{"status":"ATTENDED","reason":7}"#, "WRONG_TYPE", "reason"),
        (#"{"status":"attended"}"#, "VALIDATION_FAILED", "status"),
    ] as [(String, String, String?)])
    func malformedMark(body: String, code: String, field: String?) async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let row = try #require(try await group.rows(client).first)
            let id = try #require(row["id"] as? String)
            let response = try await client.call(.post, "/api/v1/group-sessions/\(group.sessionID)/attendance/\(id)", as: group.tenant, json: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorBody?.code == code)
            #expect(response.errorBody?.field == field)
            let after = try #require(try await group.rows(client).first { $0["id"] as? String == id })
            #expect(after["status"] as? String == "SCHEDULED")
            #expect(after["row_version"] as? Int == 1)
        }
    }

    @Test("without coverage the preview counts and warns about unmarked rows but skips payer checks, and says so")
    func noCoverage() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db, covered: false)
            for row in try await group.rows(client).prefix(5) { try await group.mark(client, row: row, "ATTENDED") }
            let preview = try await group.detail(client)["billing_preview"] as? [String: Any]
            #expect(preview?["billable_count"] as? Int == 5)
            #expect(preview?["payer"] == nil || preview?["payer"] is NSNull)
            #expect((preview?["payer_checks_skipped"] as? String)?.contains("not checked") == true)
            #expect(GroupFixture.warningCodes(preview) == ["GROUP_UNATTENDED_BILLED"])
        }
    }

    @Test("the list defaults to today at the user's facility and filters by group type; other tenants see 404")
    func listAndIsolation() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let listed = try #require(try await client.call(.get, "/api/v1/group-sessions", as: group.tenant).json as? [[String: Any]])
            #expect(listed.map { $0["id"] as? String } == [group.sessionID])
            #expect(listed.first?["supervisors"] as? [String] == ["Group staff"])
            #expect(listed.first?["roster_size"] as? Int == 6)
            let other = try #require(try await client.call(.get, "/api/v1/group-sessions?group_type=skills_group", as: group.tenant).json as? [Any])
            #expect(other.isEmpty)
            let yesterday = try #require(try await client.call(.get, "/api/v1/group-sessions?from=2020-01-01&to=2020-01-31", as: group.tenant).json as? [Any])
            #expect(yesterday.isEmpty)
            #expect(try await client.call(.get, "/api/v1/group-sessions?from=2020-02-30", as: group.tenant).errorBody?.field == "from")

            let stranger = try await TestTenant.create("Stranger", permissions: GroupFixture.permissions, database: db.database)
            #expect(try await client.call(.get, "/api/v1/group-sessions/\(group.sessionID)", as: stranger).status == .notFound)
            let row = try #require(try await group.rows(client).first)
            let foreignMark = try await client.call(.post, "/api/v1/group-sessions/\(group.sessionID)/attendance/\(row["id"] as? String ?? "")",
                                                    as: stranger, json: #"{"status":"ATTENDED"}"#)
            #expect(foreignMark.status == .notFound)
            #expect(try await client.call(.get, "/api/v1/group-sessions", as: stranger).json as? [Any] != nil)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance WHERE attendance_status <> 'SCHEDULED'", as: Int.self) == [0])
        }
    }

    @Test("documenting a scheduled occurrence pre-fills it once; another tenant's schedule id is not found")
    func fromSchedule() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let org = group.tenant.organizationID
            let definition = UUID(), occurrence = UUID()
            try await db.asOwner("""
                INSERT INTO pm_group_definitions (organization_id, id, facility_id, name, group_type, capacity, default_facilitator_id)
                VALUES (\(org), \(definition), \(group.tenant.facility.id), 'Evening skills', 'skills_group', 10, \(group.tenant.userID))
                """)
            try await db.asOwner("""
                INSERT INTO pm_group_schedule (organization_id, id, group_definition_id, session_date, start_time, end_time, location)
                VALUES (\(org), \(occurrence), \(definition), '2026-05-04', '17:30', '19:00', 'Room 2')
                """)
            for patient in group.patients.prefix(2) {
                try await db.asOwner("INSERT INTO pm_group_enrollments (organization_id, group_definition_id, patient_id) VALUES (\(org), \(definition), \(UUID(uuidString: patient)!))")
            }
            let body = #"{"schedule_id":"\#(occurrence)"}"#
            let first = try #require(try await client.call(.post, "/api/v1/group-sessions", as: group.tenant, json: body).json as? [String: Any])
            let session = try #require(first["session"] as? [String: Any])
            #expect(session["group_type"] as? String == "skills_group")
            #expect(session["start_time"] as? String == "17:30")
            #expect(session["roster_size"] as? Int == 2)
            #expect(first["schedule_id"] as? String == occurrence.uuidString)
            #expect(first["duration_minutes"] as? Int == 90)
            let again = try #require(try await client.call(.post, "/api/v1/group-sessions", as: group.tenant, json: body).json as? [String: Any])
            #expect((again["session"] as? [String: Any])?["id"] as? String == session["id"] as? String)

            let stranger = try await TestTenant.create("Stranger", permissions: GroupFixture.permissions, database: db.database)
            let foreign = try await client.call(.post, "/api/v1/group-sessions", as: stranger, json: body)
            #expect(foreign.status == .notFound)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_sessions WHERE schedule_id IS NOT NULL", as: Int.self) == [1])
        }
    }

    @Test("a bad ad-hoc session is refused naming the field, and writes no session", arguments: [
        (#""group_type":"process_group","session_date":"2026-05-04","start_time":"09:00","end_time":"10:00""#, 422, "facility_id"),
        (#""facility_id":"FACILITY","group_type":"process_group","session_date":"2026-05-04","start_time":"9am","end_time":"10:00""#, 422, "start_time"),
        (#""facility_id":"FACILITY","group_type":"process_group","session_date":"2026-05-04","start_time":"10:00","end_time":"09:00""#, 422, "end_time"),
        (#""facility_id":"FACILITY","group_type":"process_group","session_date":"2026-02-30","start_time":"09:00","end_time":"10:00""#, 422, "session_date"),
        (#""facility_id":"FACILITY","group_type":" ","session_date":"2026-05-04","start_time":"09:00","end_time":"10:00""#, 422, "group_type"),
        (#""facility_id":"FACILITY","group_type":"process_group","session_date":"2026-05-04","start_time":"09:00","end_time":"10:00","patient_ids":["00000000-0000-0000-0000-000000000009"]"#, 404, "patient_ids"),
        (#""facility_id":"00000000-0000-0000-0000-000000000001","group_type":"process_group","session_date":"2026-05-04","start_time":"09:00","end_time":"10:00""#, 404, nil),
    ] as [(String, Int, String?)])
    func badCreate(fields: String, status: Int, field: String?) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Create", permissions: GroupFixture.permissions, database: db.database)
            let body = "{" + fields.replacingOccurrences(of: "FACILITY", with: tenant.facility.id.uuidString) + "}"
            let response = try await client.call(.post, "/api/v1/group-sessions", as: tenant, json: body)
            #expect(response.status.code == status)
            #expect(response.errorBody?.field == field)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_sessions", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance", as: Int.self) == [0])
        }
    }
}
