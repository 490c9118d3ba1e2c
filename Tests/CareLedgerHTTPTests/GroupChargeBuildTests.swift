import CareLedgerHTTP
import Clinical
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// The documented event and the charge build, end to end: Clinical publishes, the dispatcher
/// delivers, PracticeManagement builds.
@Suite("Charges built from documented group sessions")
struct GroupChargeBuildTests {
    /// The fixture's group with a procedure code for its group type, and a dispatcher to deliver events.
    struct Billed {
        let group: GroupFixture
        let dispatcher: EventDispatcher

        static func make(_ client: some TestClientProtocol, db: TestDatabase, dependencies: AppDependencies,
                         extraPermissions: [PermissionKey] = []) async throws -> Billed {
            let group = try await GroupFixture.make(client, db: db, extraPermissions: extraPermissions)
            #expect(try await client.call(.post, "/api/v1/service-code-mappings", as: group.tenant,
                                          json: #"{"service_type":"process_group","procedure_code":"90853","effective_from":"2025-01-01"}"#).status == .created)
            return Billed(group: group, dispatcher: EventDispatcher(bus: dependencies.bus, database: db.database, logger: db.logger))
        }

        /// Marks rows by roster position (the supervisor is marked ATTENDED too) and finalizes.
        func markAndFinalize(_ client: some TestClientProtocol, _ statuses: [String]) async throws {
            let roster = try await group.rows(client)
            for (row, status) in zip(roster, statuses) { #expect(try await group.mark(client, row: row, status).status == .ok) }
            for supervisor in try await group.rows(client, "supervisors") { try await group.mark(client, row: supervisor, "ATTENDED") }
            #expect(try await client.call(.post, "/api/v1/group-sessions/\(group.sessionID)/finalize", as: group.tenant).status == .ok)
        }

        func charges(_ client: some TestClientProtocol) async throws -> (build: [String: Any]?, active: [[String: Any]], void: [[String: Any]]) {
            _ = try await dispatcher.drainOnce()
            let body = try #require(try await client.call(.get, "/api/v1/group-sessions/\(group.sessionID)/charges", as: group.tenant).json as? [String: Any])
            let charges = try #require(body["charges"] as? [[String: Any]])
            return (body["build"] as? [String: Any], charges.filter { $0["status"] as? String == "active" }, charges.filter { $0["status"] as? String == "void" })
        }
    }

    @Test("finalizing builds one charge per ATTENDED or LATE member at the band rate, with the group modifier and the preview's units")
    func buildOnFinalize() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Billed.make(client, db: db, dependencies: dependencies)
            try await billed.markAndFinalize(client, ["ATTENDED", "ATTENDED", "LATE", "ATTENDED", "ABSENT", "ABSENT"])
            let preview = try #require(try await billed.group.detail(client)["billing_preview"] as? [String: Any])
            let units = try #require(preview["expected_units_per_member"] as? Int)
            // 4 billable members fall between the 2–3 and 5–8 bands: coded to 2–3 at $16.00.
            #expect((preview["band"] as? [String: Any])?["unit_rate_cents"] as? Int == 1600)

            let (build, active, void) = try await billed.charges(client)
            #expect(active.count == 4)
            #expect(void.isEmpty)
            #expect(build?["outcome"] as? String == "built")
            #expect(build?["billable_count"] as? Int == 4)
            let roster = try await billed.group.rows(client)
            let billable = Set(roster.filter { ["ATTENDED", "LATE"].contains($0["status"] as? String) }.compactMap { $0["patient_id"] as? String })
            #expect(Set(active.compactMap { $0["patient_id"] as? String }) == billable)
            for charge in active {
                #expect(charge["procedure_code"] as? String == "90853")
                #expect((charge["modifiers"] as? [String] ?? []).contains("HQ"))
                #expect(charge["units"] as? Int == units)
                #expect(charge["unit_rate_cents"] as? Int == 1600)
                #expect(charge["amount_cents"] as? Int == units * 1600)
            }
            // The member's own charge list shows it.
            let member = try #require(active.first?["patient_id"] as? String)
            let memberCharges = try await client.call(.get, "/api/v1/patients/\(member)/charges", as: billed.group.tenant).json as? [[String: Any]]
            #expect(memberCharges?.contains { $0["group_session_id"] as? String == billed.group.sessionID } == true)
        }
    }

    @Test("the preview and the charges agree on each member's primary payer: the primary policy in force that took effect last")
    func primaryPayerOnePolicy() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Billed.make(client, db: db, dependencies: dependencies)
            let tenant = billed.group.tenant
            let preview = { try await billed.group.detail(client)["billing_preview"] as? [String: Any] }
            // Ids compared lower-cased: the preview writes them so, the charge and payer views do not.
            let older = try #require((try await preview()?["payer"] as? [String: Any])?["id"] as? String).lowercased()
            // Everyone gets a later primary policy without the old one being ended; member 1's ended
            // in June, so only the old one is in force for them. The new payer's name sorts after
            // the old one's, so a tie could not pick it.
            let newer = try #require((try await client.call(.post, "/api/v1/payers", as: tenant,
                                                            json: #"{"name":"Zenith Health Plan","payer_code":"ZHP01"}"#).json as? [String: Any])?["id"] as? String).lowercased()
            #expect(try await client.call(.put, "/api/v1/payers/\(newer)/group-rules/AZ", as: tenant, json: #"""
                {"max_participants_per_supervisor":3,"bands":[{"min_participants":2,"max_participants":3,"unit_rate_cents":2100}]}
                """#).status == .ok)
            for (index, patient) in billed.group.patients.enumerated() {
                let ended = index == 0 ? #","effective_to":"2026-06-30""# : ""
                #expect(try await client.call(.post, "/api/v1/patients/\(patient)/coverages", as: tenant, json: #"""
                    {"payer_id":"\#(newer)","member_id":"Z\#(patient.prefix(6))","effective_from":"2026-01-01"\#(ended)}
                    """#).status == .created)
            }
            // Five members' primary is the new payer, one's the old: the group applies the new payer's rules.
            let payer = try #require(try await preview()?["payer"] as? [String: Any])
            #expect((payer["id"] as? String)?.lowercased() == newer)
            #expect(payer["name"] as? String == "Zenith Health Plan")

            try await billed.markAndFinalize(client, ["ATTENDED", "ATTENDED", "ATTENDED", "ABSENT", "ABSENT", "ABSENT"])
            #expect((try await preview()?["band"] as? [String: Any])?["unit_rate_cents"] as? Int == 2100)
            let active = try await billed.charges(client).active
            #expect(active.count == 3)
            let byMember = Dictionary(uniqueKeysWithValues: active.compactMap { charge in
                (charge["patient_id"] as? String).map { ($0, ((charge["payer_id"] as? String)?.lowercased(), charge["unit_rate_cents"] as? Int)) }
            })
            let members = billed.group.patients
            let attended = try await billed.group.rows(client).filter { $0["status"] as? String == "ATTENDED" }.compactMap { $0["patient_id"] as? String }
            #expect(Set(attended) == Set(members[0...2]))
            #expect(byMember[members[0]]?.0 == older)
            #expect(byMember[members[0]]?.1 == 1600)
            for member in members[1...2] {
                #expect(byMember[member]?.0 == newer)
                #expect(byMember[member]?.1 == 2100)
            }
        }
    }

    @Test("redelivery and rebuilds never leave two active charges for a member; a member marked ABSENT later has the charge voided")
    func idempotentRebuilds() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Billed.make(client, db: db, dependencies: dependencies)
            try await billed.markAndFinalize(client, ["ATTENDED", "ATTENDED", "ATTENDED", "ABSENT", "ABSENT", "ABSENT"])
            #expect(try await billed.charges(client).active.count == 3)

            // The same events delivered again: the consumer recognises them.
            try await db.asOwner("UPDATE pf_event_deliveries SET status = 'pending', next_attempt_at = now()")
            // A second finalize publishes a new revision with unchanged attendance: nothing is voided.
            #expect(try await client.call(.post, "/api/v1/group-sessions/\(billed.group.sessionID)/finalize", as: billed.group.tenant).status == .ok)
            var (build, active, void) = try await billed.charges(client)
            #expect(active.count == 3)
            #expect(void.isEmpty)
            #expect(build?["revision"] as? Int == 2)

            // A documented session's attendance changes: the member's charge is voided, never deleted.
            let absentee = try await billed.group.rows(client)[0]
            #expect(try await billed.group.mark(client, row: absentee, "ABSENT").status == .ok)
            (build, active, void) = try await billed.charges(client)
            #expect(active.count == 2)
            #expect(void.map { $0["patient_id"] as? String } == [absentee["patient_id"] as? String])
            #expect(build?["voided_charges"] as? Int == 1)

            // Back to ATTENDED: a new charge for them, the void one stays on record.
            let back = try await billed.group.rows(client)[0]
            #expect(try await billed.group.mark(client, row: back, "ATTENDED").status == .ok)
            (_, active, void) = try await billed.charges(client)
            #expect(active.count == 3)
            #expect(void.count == 1)
            let perMember = try await db.ownerScalars("""
                SELECT count(*)::int FROM pm_charges WHERE group_session_id = \(UUID(uuidString: billed.group.sessionID)!) AND status = 'active'
                GROUP BY patient_id HAVING count(*) > 1
                """, as: Int.self)
            #expect(perMember.isEmpty)
        }
    }

    @Test("a session shorter than the minimum billable duration builds no charge and says why")
    func belowMinimum() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Billed.make(client, db: db, dependencies: dependencies)
            let short = try await client.call(.post, "/api/v1/group-sessions", as: billed.group.tenant, json: #"""
                {"facility_id":"\#(billed.group.tenant.facility.id)","group_type":"process_group","session_date":"2026-01-05",
                 "start_time":"09:00","end_time":"09:05","patient_ids":["\#(billed.group.patients[0])","\#(billed.group.patients[1])"]}
                """#)
            let id = try #require(((short.json as? [String: Any])?["session"] as? [String: Any])?["id"] as? String)
            let roster = try #require(try await client.call(.get, "/api/v1/group-sessions/\(id)", as: billed.group.tenant).json as? [String: Any])
            for row in (roster["roster"] as? [[String: Any]] ?? []) + (roster["supervisors"] as? [[String: Any]] ?? []) {
                #expect(try await client.call(.post, "/api/v1/group-sessions/\(id)/attendance/\(row["id"] as? String ?? "")", as: billed.group.tenant,
                                              json: #"{"status":"ATTENDED"}"#).status == .ok)
            }
            #expect(try await client.call(.post, "/api/v1/group-sessions/\(id)/finalize", as: billed.group.tenant).status == .ok)
            _ = try await billed.dispatcher.drainOnce()
            let body = try #require(try await client.call(.get, "/api/v1/group-sessions/\(id)/charges", as: billed.group.tenant).json as? [String: Any])
            #expect((body["charges"] as? [Any])?.isEmpty == true)
            let build = body["build"] as? [String: Any]
            #expect(build?["outcome"] as? String == "not_billable")
            #expect(build?["reason_code"] as? String == "BELOW_MINIMUM_DURATION")
            #expect((build?["reason"] as? String)?.contains("5 minutes") == true)
        }
    }

    @Test("a session's charges answer 404 for an unknown session and for another organization's")
    func chargesOfUnknownSession() async throws {
        try await withAPI { db, dependencies, client in
            let billed = try await Billed.make(client, db: db, dependencies: dependencies)
            let other = try await TestTenant.create("Other", permissions: [.groupSessionRead], database: db.database)
            for tenant in [billed.group.tenant, other] {
                let id = tenant.organizationID == other.organizationID ? billed.group.sessionID : UUID().uuidString
                let response = try await client.call(.get, "/api/v1/group-sessions/\(id)/charges", as: tenant)
                #expect(response.status == .notFound)
                #expect(response.errorBody?.code == "NOT_FOUND")
            }
        }
    }
}
