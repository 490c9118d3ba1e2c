/// The band a group is billed at, per ``resolveGroupSizeBand(billableCount:bands:)``.
public enum GroupSizeBandResolution: Sendable, Hashable {
    /// The count falls inside this band.
    case exact(GroupSizeBand)
    /// The count falls outside every band; coded to this lower band, flagged with the actual count.
    case nextBandDown(GroupSizeBand, mismatch: Int)
    /// No band at or below the count (or no bands at all): the group cannot be band-priced.
    case none

    /// The band to bill at, if any.
    public var band: GroupSizeBand? {
        switch self {
        case .exact(let band), .nextBandDown(let band, _): band
        case .none: nil
        }
    }

    /// Whether the preview and scrubber raise GROUP_SIZE_BAND_MISMATCH.
    public var isMismatch: Bool {
        if case .nextBandDown = self { true } else { false }
    }
}
