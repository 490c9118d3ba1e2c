/// The outcome of ``checkSupervisionRatio(billableCount:presentSupervisors:rule:)``.
public enum SupervisionRatioResult: Sendable, Hashable {
    /// The group is within the ratio.
    case withinRatio(billableCount: Int, allowed: Int)
    /// SUPERVISION_RATIO_BREACH: more billable participants than the present supervisors may cover.
    case breach(billableCount: Int, allowed: Int)

    /// Whether the ratio is breached.
    public var isBreach: Bool {
        if case .breach = self { true } else { false }
    }
}
