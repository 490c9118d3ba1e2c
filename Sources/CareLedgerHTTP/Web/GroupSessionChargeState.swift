/// What the session page's Charges card may show, decided from the latest charge build and the
/// live billing preview. Charges are rebuilt asynchronously after each mark on a documented
/// session, so for a moment they can disagree with the preview above them: the page then says
/// they are being rebuilt instead of showing figures that contradict it.
enum GroupSessionChargeState: Equatable {
    /// No build yet: charges come when the session is finalized or its end time passes.
    case awaitingDocumentation
    /// Finalized, and the build has not run yet.
    case beingBuilt
    /// The build made no charges (its reason is shown).
    case notBillable
    /// The current charges match the preview.
    case current
    /// The charges lag the attendance: a rebuild is on its way.
    case beingRebuilt

    struct Build: Equatable {
        let built: Bool
        let billableCount: Int
        let activeCharges: Int
    }

    struct ActiveCharge: Equatable {
        let unitRateCents: Int?
        /// Billed to the payer whose group-size band the preview applies.
        let billedToPreviewPayer: Bool
    }

    struct Preview: Equatable {
        let billableCount: Int
        /// The band's per-unit rate, when the preview found one.
        let bandRateCents: Int?
    }

    static func decide(build: Build?, active: [ActiveCharge], preview: Preview, finalized: Bool) -> GroupSessionChargeState {
        guard let build else { return finalized ? .beingBuilt : .awaitingDocumentation }
        if build.billableCount != preview.billableCount { return .beingRebuilt }
        guard build.built else { return .notBillable }
        if active.count != build.activeCharges { return .beingRebuilt }
        if let rate = preview.bandRateCents,
           active.contains(where: { $0.billedToPreviewPayer && $0.unitRateCents != nil && $0.unitRateCents != rate }) {
            return .beingRebuilt
        }
        return .current
    }
}
