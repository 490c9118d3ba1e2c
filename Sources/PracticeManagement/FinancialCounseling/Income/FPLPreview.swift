import Foundation
public import Platform

/// What the counseling form shows live as the counselor types.
public struct FPLPreviewResult: Sendable, Equatable, Codable {
    public let annualIncomeCents: Int
    public let householdSize: Int
    public let guidelineYear: Int
    public let guidelineRegion: PovertyGuidelineRegion
    public let guidelineCents: Int
    public let fplPercentage: FPLPercentage
    /// Nil when the organization has no schedule on the date, or above 200 % FPL.
    public let tier: SlidingFeeClass?

    enum CodingKeys: String, CodingKey {
        case annualIncomeCents = "annual_income_cents", householdSize = "household_size", guidelineYear = "guideline_year",
             guidelineRegion = "guideline_region", guidelineCents = "guideline_cents", fplPercentage = "fpl_percentage", tier
    }
}

/// The side-effect-free preview: FPL % and sliding-fee tier for a household, its income, a date
/// and a state, reading only the guidelines and the organization's schedule.
public enum FPLPreview {
    /// `incomeSources` or `annualIncomeCents` (exactly one); `stateCode` defaults to the
    /// organization's; `date` names the guideline and the schedule version.
    public static func compute(householdSize: Int, incomeSources: [IncomeSourceInput]?, annualIncomeCents: Int?, date: String,
                               stateCode: String?, in tx: TenantTransaction) async throws -> FPLPreviewResult {
        try HouseholdSize.check(householdSize)
        guard let day = ServiceDate(date) else { throw DomainError.invalid("date", "Use the form YYYY-MM-DD.") }
        let sources: [IncomeSource]
        switch (incomeSources, annualIncomeCents) {
        case (let given?, nil):
            sources = try given.enumerated().map { try IncomeSource.parse(kind: $1.kind, amountCents: $1.amountCents, frequency: $1.frequency, at: $0) }
        case (nil, let annual?):
            guard annual >= 0 else { throw DomainError.invalid("annual_income_cents", "Income cannot be negative.") }
            sources = [try IncomeSource.parse(kind: "other", amountCents: annual, frequency: "yearly", at: 0)]
        default:
            throw DomainError.invalid("income_sources", "Send either income_sources or annual_income_cents.")
        }
        var region: PovertyGuidelineRegion?
        if let stateCode {
            guard stateCode.count == 2, stateCode.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw DomainError.invalid("state", "A state code is two capital letters, e.g. AZ.")
            }
            region = PovertyGuidelineRegion(stateCode: stateCode)
        }
        let priced = try await CounselingSessions.price(date: day, householdSize: householdSize, sources: sources, field: "date", region: region, in: tx)
        let schedule = try await SlidingFeeSchedules.inEffect(on: day, in: tx)
        return FPLPreviewResult(annualIncomeCents: priced.annualIncomeCents, householdSize: householdSize, guidelineYear: priced.guideline.year,
                                guidelineRegion: priced.guideline.region, guidelineCents: priced.guideline.amountCents(householdSize: householdSize),
                                fplPercentage: priced.fpl, tier: schedule?.tier(for: priced.fpl))
    }
}
