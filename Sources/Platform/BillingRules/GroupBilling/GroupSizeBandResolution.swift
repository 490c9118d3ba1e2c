/// The band a group is billed at, per ``resolveGroupSizeBand(billableCount:bands:)``.
public enum GroupSizeBandResolution: Sendable, Hashable {
    /// The count falls inside this band.
    case exact(GroupSizeBand)
    /// The count falls outside every band; coded to this lower band, flagged with the actual count.
    case nextBandDown(GroupSizeBand, mismatch: Int)
    /// One or more billable participants, but fewer than the payer's smallest band takes: there is
    /// no band down to code to, so the group is not billable as a group (GROUP_BELOW_SMALLEST_BAND).
    case belowSmallestBand(smallest: GroupSizeBand, billableCount: Int)
    /// The payer has no bands (or nobody is billable): the group cannot be band-priced, and the
    /// fee schedule prices it.
    case none

    /// The band to bill at, if any.
    public var band: GroupSizeBand? {
        switch self {
        case .exact(let band), .nextBandDown(let band, _): band
        case .belowSmallestBand, .none: nil
        }
    }

    /// Whether the preview and scrubber raise GROUP_SIZE_BAND_MISMATCH.
    public var isMismatch: Bool {
        if case .nextBandDown = self { true } else { false }
    }

    /// Whether the payer refuses the group as a group: the preview and scrubber raise
    /// GROUP_BELOW_SMALLEST_BAND and the charge build charges nobody under this payer.
    public var isBelowSmallestBand: Bool {
        if case .belowSmallestBand = self { true } else { false }
    }
}
