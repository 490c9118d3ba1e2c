import Clinical
import Foundation
public import Hummingbird
import Platform

/// The session notes page and its one form. A save stores every part that was changed (the
/// narrative, each participant's note) in one transaction and redirects to the page with
/// "Saved"; a refused part (stale, locked, too long) saves nothing and shows the page again with
/// all the typed text kept.
public struct GroupSessionNotePageRoutes: Sendable {
    let dependencies: AppDependencies

    /// A refusal with the part of the page it is about.
    struct PartRefused: Error {
        let rowID: UUID?
        let error: DomainError
    }

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database

        router.get("/group-sessions/:id/notes") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionRead)
            let saved = request.uri.queryParameters["saved"].flatMap { Int(String($0)) }
            return try await Self.page(try context.pathID("id"), principal: principal, database: database, saved: saved)
        }

        router.post("/group-sessions/:id/notes") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let form = try await FormBody.read(request, upTo: Self.largestForm)
            let fields = form.values
            do {
                if let refusal = form.refusal { throw PartRefused(rowID: GroupSessionNotesPage.rowID(ofField: refusal.field), error: refusal) }
                let saved = try await database.withTenant(principal.organizationID) { tx in
                    try await Self.save(fields, sessionID: id, by: principal, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())/notes?saved=\(saved)")
            } catch let refused as PartRefused where refused.error.kind == .conflict || refused.error.kind == .unprocessable {
                let refusal = GroupSessionNotesPage.Refusal(rowID: refused.rowID, message: refused.error.message, code: refused.error.code, fields: fields)
                return try await Self.page(id, principal: principal, database: database, refusal: refusal,
                                           status: refused.error.kind == .conflict ? .conflict : .unprocessableContent)
            } catch let refused as PartRefused {
                throw refused.error
            }
        }
    }

    /// Saves the parts whose text differs from what is stored, each with the version the page
    /// was drawn from (so a note someone else saved meanwhile is refused, not overwritten).
    /// Returns how many parts were saved.
    static func save(_ fields: [String: String], sessionID: UUID, by principal: Principal, in tx: TenantTransaction) async throws -> Int {
        let stored = try await ClinicalNotes.load(sessionID, in: tx)
        var saved = 0
        do {
            let narrative = try SessionNarrative(topic: fields["topic"], curriculum: fields["curriculum"], notes: fields["notes"]).validated()
            if (narrative.topic, narrative.curriculum, narrative.notes) != (stored.narrative.topic, stored.narrative.curriculum, stored.narrative.notes) {
                _ = try await ClinicalNotes.recordNarrative(narrative, sessionID: sessionID, expectedVersion: fields["version"].flatMap { Int($0) },
                                                            by: principal, in: tx)
                saved += 1
            }
        } catch let error as DomainError {
            throw PartRefused(rowID: nil, error: error)
        }
        for note in stored.participants {
            let field = { (name: String) in fields[GroupSessionNotesPage.field(name, note.rowID)] }
            do {
                let content = try ParticipantNoteContent(
                    participationLevel: try GroupSessionNoteRoutes.participationLevel(field("participation_level")),
                    individualResponse: field("individual_response"), goalProgress: field("goal_progress")).validated()
                guard content != ParticipantNoteContent(participationLevel: note.participationLevel, individualResponse: note.individualResponse,
                                                        goalProgress: note.goalProgress) else { continue }
                _ = try await ClinicalNotes.recordParticipantNote(content, sessionID: sessionID, rowID: note.rowID,
                                                                  expectedVersion: field("note_version").flatMap { Int($0) }, by: principal, in: tx)
                saved += 1
            } catch let error as DomainError {
                throw PartRefused(rowID: note.rowID, error: error)
            }
        }
        return saved
    }

    /// The narrative and every participant's two responses at their limits, percent-encoded.
    static let largestForm = 2 * 1024 * 1024

    static func page(_ id: UUID, principal: Principal, database: Database, refusal: GroupSessionNotesPage.Refusal? = nil, saved: Int? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let notes = try await database.withTenant(principal.organizationID) { tx in try await ClinicalNotes.load(id, in: tx) }
        return WebRoutes.html(GroupSessionNotesPage.render(home: home, principal: principal, notes: notes, refusal: refusal, saved: saved),
                              status: status)
    }
}
