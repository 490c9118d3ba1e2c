public import Foundation
public import Platform

/// How fully a participant took part, as the facilitator judged it.
public enum ParticipationLevel: String, Sendable, Codable, CaseIterable {
    case full, partial, minimal
    case nonParticipating = "none"
}

/// A session's narrative: what the group worked on and the facilitator's notes.
public struct SessionNarrative: Sendable, Equatable {
    public var topic: String?
    public var curriculum: String?
    public var notes: String?
    /// Bumped by every save; a save that names an older version is refused.
    public var version: Int

    public init(topic: String?, curriculum: String?, notes: String?, version: Int = 1) {
        self.topic = topic
        self.curriculum = curriculum
        self.notes = notes
        self.version = version
    }

    /// The narrative as it will be stored: text trimmed, blanks absent, lengths within bounds.
    /// Throws naming the first field that is too long.
    public func validated() throws -> SessionNarrative {
        SessionNarrative(topic: try ClinicalNoteText.clean(topic, field: "topic", limit: ClinicalNoteText.topicLimit),
                         curriculum: try ClinicalNoteText.clean(curriculum, field: "curriculum", limit: ClinicalNoteText.topicLimit),
                         notes: try ClinicalNoteText.clean(notes, field: "notes", limit: ClinicalNoteText.narrativeLimit),
                         version: version)
    }
}

/// One participant's note in a session.
public struct ParticipantNote: Sendable, Equatable {
    public let rowID: UUID
    public let patientID: UUID
    public let displayName: String
    public let status: AttendanceStatus
    public var participationLevel: ParticipationLevel?
    public var individualResponse: String?
    public var goalProgress: String?
    public var noteVersion: Int
}

/// What a participant's note says; a save replaces all three.
public struct ParticipantNoteContent: Sendable, Equatable {
    public var participationLevel: ParticipationLevel?
    public var individualResponse: String?
    public var goalProgress: String?

    public init(participationLevel: ParticipationLevel?, individualResponse: String?, goalProgress: String?) {
        self.participationLevel = participationLevel
        self.individualResponse = individualResponse
        self.goalProgress = goalProgress
    }

    public func validated() throws -> ParticipantNoteContent {
        ParticipantNoteContent(
            participationLevel: participationLevel,
            individualResponse: try ClinicalNoteText.clean(individualResponse, field: "individual_response", limit: ClinicalNoteText.responseLimit),
            goalProgress: try ClinicalNoteText.clean(goalProgress, field: "goal_progress", limit: ClinicalNoteText.responseLimit))
    }
}

/// A session's clinical notes: the narrative and every participant's note, in roster order.
/// The session is known on the page by its header (group type, date, hours; read through, as
/// `notes.sessionDate`) and its facility's name.
@dynamicMemberLookup
public struct GroupSessionNotes: Sendable {
    public let header: GroupSessionHeader
    public let facilityName: String
    /// A claim has been built from the session; its notes are then read-only.
    public let locked: Bool
    public let narrative: SessionNarrative
    public let participants: [ParticipantNote]

    public subscript<Value>(dynamicMember keyPath: KeyPath<GroupSessionHeader, Value>) -> Value { header[keyPath: keyPath] }
}

/// The bounds of free text in clinical notes; the database checks the narrative's too (migration 0208).
public enum ClinicalNoteText {
    public static let topicLimit = 200
    public static let narrativeLimit = 8000
    public static let responseLimit = 4000

    /// Trimmed text, nil when blank; refuses text over `limit` characters naming `field`.
    public static func clean(_ text: String?, field: String, limit: Int) throws -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        // PostgreSQL's length() counts code points; so does this, so the two bounds agree.
        guard trimmed.unicodeScalars.count <= limit else {
            throw DomainError.invalid(field, "Keep this to \(limit) characters (it has \(trimmed.unicodeScalars.count)).")
        }
        return trimmed
    }
}
