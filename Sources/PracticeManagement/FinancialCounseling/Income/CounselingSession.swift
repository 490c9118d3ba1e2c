public import Foundation
public import Platform

/// A financial counseling session (PM-32): the household, its income and the FPL % computed
/// from the HHS guideline in effect on the session date. Income, assets and notes are PHI.
public struct CounselingSession: Sendable, Equatable, Codable {
    public let id: UUID
    public let patientID: UUID
    public let sessionDate: ServiceDate
    public let householdSize: Int
    public let incomeSources: [IncomeSource]
    public let annualIncomeCents: Int
    public let guidelineYear: Int
    public let guidelineRegion: PovertyGuidelineRegion
    public let fplPercentage: FPLPercentage
    public let incomeVerifiedAt: Date?
    public let incomeVerifiedBy: UUID?
    public let assetsNotedCents: Int?
    public let counselorNotes: String?
    public let formSnapshot: FormSnapshot?
    public let version: Int

    enum CodingKeys: String, CodingKey {
        case id, patientID = "patient_id", sessionDate = "session_date", householdSize = "household_size", incomeSources = "income_sources",
             annualIncomeCents = "annual_income_cents", guidelineYear = "guideline_year", guidelineRegion = "guideline_region",
             fplPercentage = "fpl_percentage", incomeVerifiedAt = "income_verified_at", incomeVerifiedBy = "income_verified_by",
             assetsNotedCents = "assets_noted_cents", counselorNotes = "counselor_notes", formSnapshot = "form_snapshot", version
    }
}

/// One income source as a client sends it: codes as text, so an unknown code is refused naming
/// its field rather than failing the whole body.
public struct IncomeSourceInput: Sendable, Equatable, Codable {
    public let kind: String
    public let amountCents: Int
    public let frequency: String

    enum CodingKeys: String, CodingKey { case kind, amountCents = "amount_cents", frequency }

    public init(kind: String, amountCents: Int, frequency: String) {
        self.kind = kind
        self.amountCents = amountCents
        self.frequency = frequency
    }
}

/// What a counselor records in a session (a create, or the whole of an update).
public struct CounselingSessionInput: Sendable, Equatable, Codable {
    public let sessionDate: String
    public let householdSize: Int
    public let incomeSources: [IncomeSourceInput]
    public let incomeVerifiedAt: Date?
    public let assetsNotedCents: Int?
    public let counselorNotes: String?

    enum CodingKeys: String, CodingKey {
        case sessionDate = "session_date", householdSize = "household_size", incomeSources = "income_sources",
             incomeVerifiedAt = "income_verified_at", assetsNotedCents = "assets_noted_cents", counselorNotes = "counselor_notes"
    }

    public init(sessionDate: String, householdSize: Int, incomeSources: [IncomeSourceInput], incomeVerifiedAt: Date? = nil,
                assetsNotedCents: Int? = nil, counselorNotes: String? = nil) {
        self.sessionDate = sessionDate
        self.householdSize = householdSize
        self.incomeSources = incomeSources
        self.incomeVerifiedAt = incomeVerifiedAt
        self.assetsNotedCents = assetsNotedCents
        self.counselorNotes = counselorNotes
    }

    /// The checked values; each refusal names its field.
    func validated(now: Date) throws -> (date: ServiceDate, sources: [IncomeSource], notes: String?) {
        guard let date = ServiceDate(sessionDate) else { throw DomainError.invalid("session_date", "Use the form YYYY-MM-DD.") }
        try HouseholdSize.check(householdSize)
        guard incomeSources.count <= 30 else { throw DomainError.invalid("income_sources", "A session lists at most 30 income sources.") }
        let sources = try incomeSources.enumerated().map { index, source in
            try IncomeSource.parse(kind: source.kind, amountCents: source.amountCents, frequency: source.frequency, at: index)
        }
        if let incomeVerifiedAt, incomeVerifiedAt > now.addingTimeInterval(300) {
            throw DomainError.invalid("income_verified_at", "Income cannot be verified in the future.")
        }
        if let assetsNotedCents, assetsNotedCents < 0 { throw DomainError.invalid("assets_noted_cents", "Assets cannot be negative.") }
        let notes = counselorNotes?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let notes, notes.count > 4000 { throw DomainError.invalid("counselor_notes", "Notes are at most 4,000 characters.") }
        return (date, sources, notes?.isEmpty == true ? nil : notes)
    }
}

/// The household-size rule shared by sessions and the preview.
public enum HouseholdSize {
    public static func check(_ size: Int) throws {
        guard (1...50).contains(size) else { throw DomainError.invalid("household_size", "A household has at least 1 person (at most 50).") }
    }
}

/// The optional PF-08 form a session is recorded on: the template version and the answers.
public struct CounselingFormInput: Sendable, Equatable, Codable {
    public let formID: UUID
    public let version: Int
    public let answers: [String: FormAnswer]

    enum CodingKeys: String, CodingKey { case formID = "form_id", version, answers }

    public init(formID: UUID, version: Int, answers: [String: FormAnswer]) {
        self.formID = formID
        self.version = version
        self.answers = answers
    }
}
