import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Platform
import PlatformTesting
import Testing

@Suite("A group session's clinical notes")
struct GroupSessionNotesTests {
    func readNotes(_ client: some TestClientProtocol, _ group: GroupFixture) async throws -> [String: Any] {
        try #require(try await client.call(.get, "/api/v1/group-sessions/\(group.sessionID)/notes", as: group.tenant).json as? [String: Any])
    }

    func saveNote(_ client: some TestClientProtocol, _ group: GroupFixture, row: String, _ json: String) async throws -> TestResponse {
        try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/attendance/\(row)/note", as: group.tenant, json: json)
    }

    /// Every stored note field and version of the session, and the audit entries: what a refused save must not change.
    func snapshot(_ db: TestDatabase) async throws -> [String] {
        try await db.ownerScalars("""
            SELECT concat_ws('|', id, topic, curriculum, notes, narrative_version) FROM cl_group_sessions
            UNION ALL
            SELECT concat_ws('|', id, participation_level, individual_response, goal_progress, note_version, row_version) FROM cl_group_attendance
            UNION ALL
            SELECT 'audit ' || count(*) FROM pf_audit_log
            ORDER BY 1
            """, as: String.self)
    }

    @Test("the narrative and a participant's note are saved over the version read; a mark on the same row is not refused by it; the audit log names fields, never text")
    func saveAndRead() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            var notes = try await readNotes(client, group)
            let narrative = try #require(notes["narrative"] as? [String: Any])
            #expect(narrative["topic"] as? String == "Coping skills")
            #expect(narrative["version"] as? Int == 1)
            let participants = try #require(notes["participants"] as? [[String: Any]])
            #expect(participants.count == 6, "participants only: the supervisor's row keeps no note")
            #expect(participants.compactMap { $0["display_name"] as? String } == (1...6).map { "Member\($0) Test" })

            let saved = try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/notes", as: group.tenant, json: """
                {"topic":"  Relapse prevention ","curriculum":"Seeking Safety, module 3","notes":"Discussed weekend triggers.","version":1}
                """)
            #expect(saved.status == .ok)
            #expect((saved.json as? [String: Any])?["version"] as? Int == 2)
            #expect((saved.json as? [String: Any])?["topic"] as? String == "Relapse prevention")

            let row = try #require(participants.first?["row_id"] as? String)
            let note = try await saveNote(client, group, row: row, """
                {"participation_level":"partial","individual_response":"Shared a hard week.","goal_progress":"Named two coping strategies.","note_version":1}
                """)
            #expect(note.status == .ok)
            #expect((note.json as? [String: Any])?["note_version"] as? Int == 2)
            // The row's attendance version is the one the room holds: the mark goes through.
            let rosterRow = try #require(try await group.rows(client).first { $0["id"] as? String == row })
            #expect(rosterRow["participation_level"] as? String == "partial")
            #expect(try await group.mark(client, row: rosterRow, "ATTENDED", version: 1).status == .ok)

            notes = try await readNotes(client, group)
            #expect((notes["narrative"] as? [String: Any])?["notes"] as? String == "Discussed weekend triggers.")
            let first = try #require((notes["participants"] as? [[String: Any]])?.first)
            #expect(first["individual_response"] as? String == "Shared a hard week.")
            #expect(first["goal_progress"] as? String == "Named two coping strategies.")
            #expect(first["status"] as? String == "ATTENDED")

            // Clearing a field: a save replaces the whole note.
            let cleared = try await saveNote(client, group, row: row, #"{"participation_level":"","note_version":2}"#)
            #expect(cleared.status == .ok)
            #expect((cleared.json as? [String: Any])?["individual_response"] == nil)

            let audit = try await db.ownerScalars("""
                SELECT action || ' ' || details::text FROM pf_audit_log WHERE action LIKE '%note%' OR action LIKE '%narrative%' ORDER BY id
                """, as: String.self)
            #expect(audit.count == 3)
            #expect(audit.first?.contains("topic,curriculum,notes") == true)
            #expect(audit.allSatisfy { !$0.contains("hard week") && !$0.contains("triggers") && !$0.contains("coping") })
        }
    }

    @Test("stale, locked, invalid, supervisor, unknown and other-tenant saves are refused with their code and change nothing")
    func refusedSaves() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let other = try await GroupFixture.make(client, db: db, name: "Other practice")
            let row = try #require((try await readNotes(client, group)["participants"] as? [[String: Any]])?.first?["row_id"] as? String)
            let supervisor = try #require(try await group.rows(client, "supervisors").first?["id"] as? String)
            let before = try await snapshot(db)

            let stale = try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/notes", as: group.tenant,
                                              json: #"{"notes":"Late entry","version":7}"#)
            #expect(stale.status == .conflict)
            #expect(stale.errorBody?.code == "STALE_NOTE")
            let staleNote = try await saveNote(client, group, row: row, #"{"goal_progress":"x","note_version":3}"#)
            #expect(staleNote.errorBody?.code == "STALE_NOTE")

            let level = try await saveNote(client, group, row: row, #"{"participation_level":"enthusiastic"}"#)
            #expect(level.status == .unprocessableContent)
            #expect(level.errorBody?.field == "participation_level")
            let long = try await saveNote(client, group, row: row, #"{"individual_response":"\#(String(repeating: "a", count: 4001))"}"#)
            #expect(long.status == .unprocessableContent)
            #expect(long.errorBody?.field == "individual_response")
            let longTopic = try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/notes", as: group.tenant,
                                                  json: #"{"topic":"\#(String(repeating: "t", count: 201))"}"#)
            #expect(longTopic.errorBody?.field == "topic")
            let wrongType = try await saveNote(client, group, row: row, #"{"note_version":"one"}"#)
            #expect(wrongType.errorBody?.field == "note_version")
            let malformed = try await saveNote(client, group, row: row, #"{"goal_progress":"#)
            #expect(malformed.status == .badRequest)

            let supervisorNote = try await saveNote(client, group, row: supervisor, #"{"participation_level":"full"}"#)
            #expect(supervisorNote.status == .unprocessableContent)
            #expect(supervisorNote.errorBody?.code == "NOT_A_PARTICIPANT")
            #expect(try await saveNote(client, group, row: UUID().uuidString.lowercased(), #"{"goal_progress":"x"}"#).status == .notFound)
            let unknownSession = try await client.call(.put, "/api/v1/group-sessions/\(UUID().uuidString.lowercased())/notes", as: group.tenant,
                                                       json: #"{"notes":"x"}"#)
            #expect(unknownSession.status == .notFound)
            // Another practice sees neither the notes nor the rows.
            #expect(try await client.call(.get, "/api/v1/group-sessions/\(group.sessionID)/notes", as: other.tenant).status == .notFound)
            #expect(try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/attendance/\(row)/note", as: other.tenant,
                                          json: #"{"goal_progress":"x"}"#).status == .notFound)

            try await db.asOwner("UPDATE cl_group_sessions SET locked_at = now() WHERE id = \(UUID(uuidString: group.sessionID)!)")
            let locked = try await saveNote(client, group, row: row, #"{"goal_progress":"x","note_version":1}"#)
            #expect(locked.status == .conflict)
            #expect(locked.errorBody?.code == "LOCKED")
            let lockedNarrative = try await client.call(.put, "/api/v1/group-sessions/\(group.sessionID)/notes", as: group.tenant, json: #"{"notes":"x"}"#)
            #expect(lockedNarrative.errorBody?.code == "LOCKED")
            try await db.asOwner("UPDATE cl_group_sessions SET locked_at = NULL")

            #expect(try await snapshot(db) == before)
        }
    }

    @Test("the notes page saves the narrative and every participant's note with one Save, and a refusal saves nothing and keeps all typed text")
    func notesPage() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let cookie = try await BillingRulesPageTests.signIn(client, group.tenant)
            let base = "/group-sessions/\(group.sessionID.lowercased())"
            let detail = try await client.execute(uri: base, method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(detail.text.contains("href=\"\(base)/notes\""))
            let page = try await client.execute(uri: "\(base)/notes", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("Notes · Process group"))
            #expect(page.text.components(separatedBy: "<form").count - 1 == 2, "one notes form (and the sign-out form)")
            #expect(page.text.components(separatedBy: ">Save notes<").count - 1 == 1, "one Save for the page")

            let rows = try #require((try await readNotes(client, group)["participants"] as? [[String: Any]])?.compactMap { ($0["row_id"] as? String)?.lowercased() })
            let (first, second) = (rows[0], rows[1])
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            // Two participants' notes and the narrative typed, one Save: all three are kept.
            let saved = try await client.execute(uri: "\(base)/notes", method: .post, headers: form, body: WebPageTests.form([
                "topic": "Boundaries", "version": "1",
                "participation_level.\(first)": "full", "individual_response.\(first)": "Led the check-in", "note_version.\(first)": "1",
                "individual_response.\(second)": "Listened", "note_version.\(second)": "1"])) { $0 }
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "\(base)/notes?saved=3")
            let notes = try await readNotes(client, group)
            let stored = try #require(notes["participants"] as? [[String: Any]])
            #expect(stored.first { ($0["row_id"] as? String)?.lowercased() == first }?["individual_response"] as? String == "Led the check-in")
            #expect(stored.first { ($0["row_id"] as? String)?.lowercased() == first }?["participation_level"] as? String == "full")
            #expect(stored.first { ($0["row_id"] as? String)?.lowercased() == second }?["individual_response"] as? String == "Listened")
            #expect((notes["narrative"] as? [String: Any])?["topic"] as? String == "Boundaries")
            let shown = try await client.execute(uri: "\(base)/notes?saved=3", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(shown.text.contains(">Saved<"), "a visible Saved")

            // A stale note refuses the whole save: the narrative typed with it is not stored either, and all text comes back.
            let stale = try await client.execute(uri: "\(base)/notes", method: .post, headers: form, body: WebPageTests.form([
                "topic": "Trust", "version": "2",
                "participation_level.\(first)": "minimal", "individual_response.\(first)": "Second opinion", "note_version.\(first)": "1",
                "individual_response.\(second)": "Listened", "note_version.\(second)": "2"])) { $0 }
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else saved this note"))
            #expect(stale.text.contains("Second opinion"), "the refused text is shown again, not lost")
            #expect(stale.text.contains("value=\"Trust\""), "so is the rest of the page")
            #expect((try await readNotes(client, group)["narrative"] as? [String: Any])?["topic"] as? String == "Boundaries", "nothing was saved")

            // Saving an unchanged page changes nothing and says so.
            let unchanged = try await client.execute(uri: "\(base)/notes", method: .post, headers: form, body: WebPageTests.form([
                "topic": "Boundaries", "version": "2",
                "participation_level.\(first)": "full", "individual_response.\(first)": "Led the check-in", "note_version.\(first)": "2",
                "individual_response.\(second)": "Listened", "note_version.\(second)": "2"])) { $0 }
            #expect(unchanged.headers[.location] == "\(base)/notes?saved=0")
        }
    }
}
