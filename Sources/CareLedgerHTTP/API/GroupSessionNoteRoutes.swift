import Clinical
import Foundation
public import Hummingbird
import Platform

/// `/api/v1/group-sessions/:id/notes`: a session's clinical notes, kept apart from the detail so
/// the room's marks and preview never carry them. A save replaces the whole note and names the
/// version it was written over; a stale version answers 409 STALE_NOTE and changes nothing.
public struct GroupSessionNoteRoutes: Sendable {
    let dependencies: AppDependencies

    struct NarrativeBody: Decodable {
        let topic: String?
        let curriculum: String?
        let notes: String?
        let version: Int?
    }

    struct ParticipantNoteBody: Decodable {
        let participationLevel: String?
        let individualResponse: String?
        let goalProgress: String?
        let noteVersion: Int?

        func content() throws -> ParticipantNoteContent {
            ParticipantNoteContent(participationLevel: try GroupSessionNoteRoutes.participationLevel(participationLevel),
                                   individualResponse: individualResponse, goalProgress: goalProgress)
        }
    }

    /// A participation level from a request: blank means none recorded; anything else must be a level.
    static func participationLevel(_ raw: String?) throws -> ParticipationLevel? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let level = ParticipationLevel(rawValue: raw) else {
            throw DomainError.invalid("participation_level",
                                      "Use \(ParticipationLevel.allCases.map(\.rawValue).joined(separator: ", ")), or leave it empty.")
        }
        return level
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("SessionNarrative", NarrativeView.schema)
        registry.component("ParticipantNote", ParticipantNoteView.schema)

        registry.add(router, .get, "/api/v1/group-sessions/:id/notes",
                     summary: "A session's clinical notes: the narrative and each participant's note, participants by name",
                     permission: .groupSessionRead, response: NotesView.schema, errors: [404]) { _, context in
            let principal = try context.require(.groupSessionRead)
            let id = try context.pathID("id")
            return JSONResponse(NotesView(try await database.withTenant(principal.organizationID) { tx in
                try await ClinicalNotes.load(id, in: tx)
            }))
        }

        registry.add(router, .put, "/api/v1/group-sessions/:id/notes",
                     summary: "Replace the session's narrative (absent fields are cleared); send the version you read, or get 409 STALE_NOTE if someone saved since; 409 LOCKED once a claim is built",
                     permission: .attendanceWrite,
                     request: .object([("topic", .nullable(.string())), ("curriculum", .nullable(.string())), ("notes", .nullable(.string())),
                                       ("version", .integer)], required: []),
                     response: .ref("SessionNarrative"), errors: [404, 409]) { request, context in
            let principal = try context.require(.attendanceWrite)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(NarrativeBody.self, context: context)
            let narrative = SessionNarrative(topic: body.topic, curriculum: body.curriculum, notes: body.notes)
            return JSONResponse(NarrativeView(try await database.withTenant(principal.organizationID) { tx in
                try await ClinicalNotes.recordNarrative(narrative, sessionID: id, expectedVersion: body.version, by: principal, in: tx)
            }))
        }

        registry.add(router, .put, "/api/v1/group-sessions/:id/attendance/:rowId/note",
                     summary: "Replace one participant's note (absent fields are cleared); send the note_version you read, or get 409 STALE_NOTE; 422 for a supervisor's row; 409 LOCKED once a claim is built",
                     permission: .attendanceWrite,
                     request: .object([("participation_level", .nullable(.string(enumeration: ParticipationLevel.allCases.map(\.rawValue)))),
                                       ("individual_response", .nullable(.string())), ("goal_progress", .nullable(.string())),
                                       ("note_version", .integer)], required: []),
                     response: .ref("ParticipantNote"), errors: [404, 409]) { request, context in
            let principal = try context.require(.attendanceWrite)
            let sessionID = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            let body = try await request.decodeJSON(ParticipantNoteBody.self, context: context)
            let content = try body.content()
            return JSONResponse(ParticipantNoteView(try await database.withTenant(principal.organizationID) { tx in
                try await ClinicalNotes.recordParticipantNote(content, sessionID: sessionID, rowID: rowID, expectedVersion: body.noteVersion,
                                                              by: principal, in: tx)
            }))
        }
    }
}

/// The API's JSON shapes for clinical notes.
struct NarrativeView: Codable, Sendable {
    let topic: String?
    let curriculum: String?
    let notes: String?
    let version: Int

    init(_ narrative: SessionNarrative) {
        topic = narrative.topic
        curriculum = narrative.curriculum
        notes = narrative.notes
        version = narrative.version
    }

    static let schema: Schema = .object([("topic", .nullable(.string())), ("curriculum", .nullable(.string())), ("notes", .nullable(.string())),
                                         ("version", .integer)], required: ["version"])
}

struct ParticipantNoteView: Codable, Sendable {
    let rowId: UUID
    let patientId: UUID
    let displayName: String
    let status: String
    let participationLevel: String?
    let individualResponse: String?
    let goalProgress: String?
    let noteVersion: Int

    init(_ note: ParticipantNote) {
        rowId = note.rowID
        patientId = note.patientID
        displayName = note.displayName
        status = note.status.rawValue
        participationLevel = note.participationLevel?.rawValue
        individualResponse = note.individualResponse
        goalProgress = note.goalProgress
        noteVersion = note.noteVersion
    }

    static let schema: Schema = .object([
        ("row_id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("display_name", .string()),
        ("status", .string(enumeration: AttendanceStatus.allCases.map(\.rawValue))),
        ("participation_level", .nullable(.string(enumeration: ParticipationLevel.allCases.map(\.rawValue)))),
        ("individual_response", .nullable(.string())), ("goal_progress", .nullable(.string())), ("note_version", .integer),
    ], required: ["row_id", "patient_id", "display_name", "status", "note_version"])
}

struct NotesView: Codable, Sendable {
    let sessionId: UUID
    let locked: Bool
    let narrative: NarrativeView
    let participants: [ParticipantNoteView]

    init(_ notes: GroupSessionNotes) {
        sessionId = notes.id
        locked = notes.locked
        narrative = NarrativeView(notes.narrative)
        participants = notes.participants.map(ParticipantNoteView.init)
    }

    static let schema: Schema = .object([
        ("session_id", .string(format: "uuid")), ("locked", .boolean), ("narrative", .ref("SessionNarrative")),
        ("participants", .array(.ref("ParticipantNote"))),
    ], required: ["session_id", "locked", "narrative", "participants"])
}
