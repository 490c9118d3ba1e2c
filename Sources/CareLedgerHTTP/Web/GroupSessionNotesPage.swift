import Clinical
import Foundation
import PageMarkup
import Platform

/// `/group-sessions/:id/notes`: the narrative and one form per participant, plain forms on a
/// page of their own so that the room's marking page (which swaps itself in after each mark)
/// never discards a note half written.
enum GroupSessionNotesPage {
    /// A refused save, shown beside the form it came from with the text that was typed.
    struct Refusal {
        /// The participant row, or nil for the narrative.
        let rowID: UUID?
        let message: String
        let fields: [String: String]
    }

    static func render(home: HomeQuery, notes: GroupSessionNotes, canWrite: Bool, refusal: Refusal? = nil) -> String {
        let base = "/group-sessions/\(notes.sessionID.uuidString.lowercased())"
        let writable = canWrite && !notes.locked
        return Layout.page(title: "Session notes", organization: home.organizationName, user: home.displayName, content: .div(
            .div(.class("card"),
                .p(.a(.href(base), .text("← Back to the session"))),
                .h1(.text("Notes · \(notes.groupType) · \(notes.sessionDate)")),
                .p(.text("\(notes.startTime)–\(notes.endTime) · \(notes.facilityName)")),
                .if(notes.locked, .p(.class("notice"), .text("A claim has been built from this session; its notes are read-only.")))
            ),
            narrativeCard(notes.narrative, base: base, writable: writable, refusal: refusal?.rowID == nil ? refusal : nil),
            .forEach(notes.participants) { participant in
                participantCard(participant, base: base, writable: writable, refusal: refusal?.rowID == participant.rowID ? refusal : nil)
            }
        )).render()
    }

    static func narrativeCard(_ narrative: SessionNarrative, base: String, writable: Bool, refusal: Refusal?) -> Node<HTML.BodyContext> {
        let value = { (field: String, stored: String?) in refusal?.fields[field] ?? stored ?? "" }
        return .div(.class("card"), .attribute(named: "id", value: "narrative"),
            .h2("Session narrative"),
            .unwrap(refusal) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message)) },
            .form(.action("\(base)/notes"), .method(.post),
                .input(.type(.hidden), .name("version"), .value("\(narrative.version)")),
                .label(.for("topic"), "Topic"),
                .input(.id("topic"), .name("topic"), .value(value("topic", narrative.topic)), .readonly(!writable),
                       .attribute(named: "maxlength", value: "\(ClinicalNoteText.topicLimit)")),
                .label(.for("curriculum"), "Curriculum"),
                .input(.id("curriculum"), .name("curriculum"), .value(value("curriculum", narrative.curriculum)), .readonly(!writable),
                       .attribute(named: "maxlength", value: "\(ClinicalNoteText.topicLimit)")),
                .label(.for("notes"), "Notes"),
                .textarea(.id("notes"), .name("notes"), .attribute(named: "rows", value: "6"), .readonly(!writable),
                          .attribute(named: "maxlength", value: "\(ClinicalNoteText.narrativeLimit)"), .text(value("notes", narrative.notes))),
                .if(writable, .button(.class("primary"), .type(.submit), .text("Save narrative")))
            )
        )
    }

    static func participantCard(_ note: ParticipantNote, base: String, writable: Bool, refusal: Refusal?) -> Node<HTML.BodyContext> {
        let id = note.rowID.uuidString.lowercased()
        let value = { (field: String, stored: String?) in refusal?.fields[field] ?? stored ?? "" }
        let level = value("participation_level", note.participationLevel?.rawValue)
        return .div(.class("card"), .attribute(named: "id", value: "note-\(id)"),
            .h2(.text(note.displayName), .span(.class("status status-\(note.status.rawValue.lowercased())"), .text(" \(note.status.rawValue)"))),
            .unwrap(refusal) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0.message)) },
            .form(.action("\(base)/notes/\(id)"), .method(.post),
                .input(.type(.hidden), .name("note_version"), .value("\(note.noteVersion)")),
                .label(.for("level-\(id)"), "Participation"),
                .select(.id("level-\(id)"), .attribute(named: "name", value: "participation_level"), .if(!writable, .attribute(named: "disabled", value: "disabled")),
                        GroupSessionPages.option("", "Not recorded", selected: level.isEmpty),
                        .forEach(ParticipationLevel.allCases) { GroupSessionPages.option($0.rawValue, label($0), selected: level == $0.rawValue) }),
                .label(.for("response-\(id)"), "Individual response"),
                .textarea(.id("response-\(id)"), .name("individual_response"), .attribute(named: "rows", value: "3"), .readonly(!writable),
                          .attribute(named: "maxlength", value: "\(ClinicalNoteText.responseLimit)"), .text(value("individual_response", note.individualResponse))),
                .label(.for("progress-\(id)"), "Progress toward goals"),
                .textarea(.id("progress-\(id)"), .name("goal_progress"), .attribute(named: "rows", value: "3"), .readonly(!writable),
                          .attribute(named: "maxlength", value: "\(ClinicalNoteText.responseLimit)"), .text(value("goal_progress", note.goalProgress))),
                .if(writable, .button(.class("primary"), .type(.submit), .text("Save note")))
            )
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
