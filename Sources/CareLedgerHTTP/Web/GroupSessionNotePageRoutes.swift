import Clinical
import Foundation
public import Hummingbird
import Platform

/// The session notes page and its two forms. A save redirects back to the form it came from; a
/// refused one (stale, locked, too long) shows the page again with the typed text kept.
public struct GroupSessionNotePageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database

        router.get("/group-sessions/:id/notes") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionRead)
            return try await Self.page(try context.pathID("id"), principal: principal, database: database)
        }

        router.post("/group-sessions/:id/notes") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let fields = try await Self.form(request)
            let narrative = SessionNarrative(topic: fields["topic"], curriculum: fields["curriculum"], notes: fields["notes"])
            do {
                _ = try await database.withTenant(principal.organizationID) { tx in
                    try await ClinicalNotes.recordNarrative(narrative, sessionID: id, expectedVersion: fields["version"].flatMap { Int($0) },
                                                            by: principal, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())/notes#narrative")
            } catch let error as DomainError where error.kind == .conflict || error.kind == .unprocessable {
                return try await Self.page(id, principal: principal, database: database,
                                           refusal: .init(rowID: nil, message: error.message, fields: fields), status: Self.status(error))
            }
        }

        router.post("/group-sessions/:id/notes/:rowId") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            let fields = try await Self.form(request)
            do {
                let content = ParticipantNoteContent(
                    participationLevel: try GroupSessionNoteRoutes.participationLevel(fields["participation_level"]),
                    individualResponse: fields["individual_response"], goalProgress: fields["goal_progress"])
                _ = try await database.withTenant(principal.organizationID) { tx in
                    try await ClinicalNotes.recordParticipantNote(content, sessionID: id, rowID: rowID,
                                                                  expectedVersion: fields["note_version"].flatMap { Int($0) }, by: principal, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())/notes#note-\(rowID.uuidString.lowercased())")
            } catch let error as DomainError where error.kind == .conflict || error.kind == .unprocessable {
                return try await Self.page(id, principal: principal, database: database,
                                           refusal: .init(rowID: rowID, message: error.message, fields: fields), status: Self.status(error))
            }
        }
    }

    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        // The narrative and two responses at their limits, percent-encoded, fit well inside this.
        return Dictionary(FormBody.pairs(String(buffer: try await request.collectBody(upTo: 256 * 1024))), uniquingKeysWith: { $1 })
    }

    static func status(_ error: DomainError) -> HTTPResponse.Status { error.kind == .conflict ? .conflict : .unprocessableContent }

    static func page(_ id: UUID, principal: Principal, database: Database,
                     refusal: GroupSessionNotesPage.Refusal? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let notes = try await database.withTenant(principal.organizationID) { tx in try await ClinicalNotes.load(id, in: tx) }
        return WebRoutes.html(GroupSessionNotesPage.render(home: home, notes: notes, canWrite: principal.has(.attendanceWrite),
                                                           refusal: refusal), status: status)
    }
}
