import Clinical
import Foundation
import PageMarkup
import Platform

/// `/group-sessions/:id/notes`: the narrative and every participant's note in one form with one
/// Save, on a page of its own so that the room's marking page (which swaps itself in after each
/// mark) never discards a note half written. `app.js` warns before leaving with unsaved text.
enum GroupSessionNotesPage {
    /// A refused save: the page is shown again with everything that was typed, the message at
    /// the top and beside the part it is about.
    struct Refusal {
        /// The participant row the refusal is about, or nil for the narrative.
        let rowID: UUID?
        let message: String
        let code: String
        let fields: [String: String]
    }

    /// Form field names: the narrative's are plain, a participant's carry the row id.
    static func field(_ name: String, _ rowID: UUID) -> String { "\(name).\(rowID.uuidString.lowercased())" }

    /// The participant row a field named by `field(_:_:)` belongs to; nil for the narrative's fields.
    static func rowID(ofField field: String?) -> UUID? {
        field?.split(separator: ".").last.flatMap { UUID(uuidString: String($0)) }
    }

    static func render(home: HomeQuery, principal: Principal, notes: GroupSessionNotes, refusal: Refusal? = nil, saved: Int? = nil) -> String {
        let base = "/group-sessions/\(notes.id.uuidString.lowercased())"
        let writable = principal.has(.attendanceWrite) && !notes.locked
        let outcome: Outcome? = refusal.map { .refusal("Nothing was saved", $0.message, code: $0.code) }
            ?? saved.map { $0 == 0 ? .success("Saved", "Nothing had changed.") : .success("Saved", "Your notes are stored.") }
        let value = { (field: String, stored: String?) in refusal?.fields[field] ?? stored ?? "" }
        let title = "Notes · \(PlainWords.groupType(notes.groupType)) · \(PlainWords.date(notes.sessionDate))"
        let body: [Node<HTML.FormContext>] = [
            .input(.type(.hidden), .name("version"), .value("\(notes.narrative.version)")),
            narrativeCard(notes.narrative, value: value, writable: writable, refusal: refusal?.rowID == nil ? refusal : nil),
            .forEach(notes.participants) { participant in
                participantCard(participant, value: value, writable: writable, refusal: refusal?.rowID == participant.rowID ? refusal : nil)
            },
            .if(writable, .div(.class("save-bar"),
                .span(.class(saved != nil && refusal == nil ? "save-state saved" : "save-state"), .id("save-state"),
                      .attribute(named: "aria-live", value: "polite"),
                      .text(refusal != nil ? "Not saved: fix the part marked below" : saved != nil ? "Saved" : "No unsaved changes")),
                .button(.class("primary"), .type(.submit), .text("Save notes")))),
        ]
        return Layout.page(title: title, home: home, principal: principal, section: .groupSessions, outcome: outcome, content: .div(
            PageHeader.render(title, subtitle: "\(notes.startTime)–\(notes.endTime) · \(notes.facilityName)",
                              back: .init(label: "Back to the session", path: base)),
            .if(notes.locked, .p(.class("notice"), .text("A claim has been built from this session; its notes are read-only."))),
            PageForm.post("\(base)/notes", class: "notes-form", id: "notes-form", nodes: body)
        )).render()
    }

    static func narrativeCard(_ narrative: SessionNarrative, value: (String, String?) -> String, writable: Bool,
                              refusal: Refusal?) -> Node<HTML.FormContext> {
        .div(.class("card"), .id("narrative"),
            .h2("Session narrative"),
            .unwrap(refusal) { .p(.class("error"), .text($0.message)) },
            .label(.for("topic"), "Topic"),
            .input(.id("topic"), .name("topic"), .value(value("topic", narrative.topic)), .readonly(!writable),
                   .attribute(named: "maxlength", value: "\(ClinicalNoteText.topicLimit)")),
            .label(.for("curriculum"), "Curriculum"),
            .input(.id("curriculum"), .name("curriculum"), .value(value("curriculum", narrative.curriculum)), .readonly(!writable),
                   .attribute(named: "maxlength", value: "\(ClinicalNoteText.topicLimit)")),
            .label(.for("notes"), "Notes"),
            .textarea(.id("notes"), .name("notes"), .attribute(named: "rows", value: "6"), .readonly(!writable),
                      .attribute(named: "maxlength", value: "\(ClinicalNoteText.narrativeLimit)"), .text(value("notes", narrative.notes)))
        )
    }

    static func participantCard(_ note: ParticipantNote, value: (String, String?) -> String, writable: Bool,
                                refusal: Refusal?) -> Node<HTML.FormContext> {
        let id = note.rowID.uuidString.lowercased()
        let level = value(field("participation_level", note.rowID), note.participationLevel?.rawValue)
        return .div(.class("card participant-note"), .id("note-\(id)"),
            .h2(.text(note.displayName), .text(" "),
                .span(.class("status status-\(note.status.rawValue.lowercased())"), .text(PlainWords.attendance(note.status)))),
            .unwrap(refusal) { .p(.class("error"), .text($0.message)) },
            .input(.type(.hidden), .name(field("note_version", note.rowID)), .value("\(note.noteVersion)")),
            .label(.for("level-\(id)"), "Participation"),
            .select(.id("level-\(id)"), .attribute(named: "name", value: field("participation_level", note.rowID)),
                    .if(!writable, .attribute(named: "disabled", value: "disabled")),
                    GroupSessionPages.option("", "Not recorded", selected: level.isEmpty),
                    .forEach(ParticipationLevel.allCases) { GroupSessionPages.option($0.rawValue, label($0), selected: level == $0.rawValue) }),
            .label(.for("response-\(id)"), "Individual response"),
            .textarea(.id("response-\(id)"), .name(field("individual_response", note.rowID)), .attribute(named: "rows", value: "3"), .readonly(!writable),
                      .attribute(named: "maxlength", value: "\(ClinicalNoteText.responseLimit)"),
                      .text(value(field("individual_response", note.rowID), note.individualResponse))),
            .label(.for("progress-\(id)"), "Progress toward goals"),
            .textarea(.id("progress-\(id)"), .name(field("goal_progress", note.rowID)), .attribute(named: "rows", value: "3"), .readonly(!writable),
                      .attribute(named: "maxlength", value: "\(ClinicalNoteText.responseLimit)"),
                      .text(value(field("goal_progress", note.rowID), note.goalProgress)))
        )
    }

    static func label(_ level: ParticipationLevel) -> String {
        switch level {
        case .full: "Full"
        case .partial: "Partial"
        case .minimal: "Minimal"
        case .nonParticipating: "None"
        }
    }
}
