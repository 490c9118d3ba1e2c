// The single implementation of the group billing checks: the live billing preview and the claim
// scrubber both call these, so a warning seen in the room is the warning the scrubber fires later.

/// Participants that can be billed: ATTENDED or LATE, and never a supervisor.
public func countBillableParticipants(_ participants: some Sequence<GroupParticipant>) -> Int {
    var count = 0
    for participant in participants where !participant.isSupervisor && participant.status.isBillable {
        count += 1
    }
    return count
}

/// Supervisors present for the ratio check: supervisors marked ATTENDED or LATE.
public func countPresentSupervisors(_ participants: some Sequence<GroupParticipant>) -> Int {
    var count = 0
    for participant in participants where participant.isSupervisor && participant.status.isBillable {
        count += 1
    }
    return count
}

/// Finds the size band a group is billed at.
///
/// - A band whose range holds the count: `.exact`. If bands overlap (a configuration error), the
///   one with the highest minimum wins, then the earlier-listed one.
/// - A count between bands: `.nextBandDown` to the band with the highest maximum below the count,
///   flagged as a mismatch (GROUP_SIZE_BAND_MISMATCH).
/// - Decision: a count above the top band is treated the same way, as a mismatch coded to the top
///   band, because the payer pays no band above it and billing the highest band is the "next down".
/// - Decision: a count of one or more below every band is `.belowSmallestBand`, not billable as a
///   group. The payer's rule codes a count between bands to the next band *down*; below the
///   smallest band there is none, and coding up to the smallest band would bill the payer for a
///   group size it does not pay for. The charge build follows the same resolution, so such a
///   member gets no charge under that payer (the build records GROUP_BELOW_SMALLEST_BAND).
/// - No bands, or nobody billable: `.none` (no band applies; the fee schedule prices the charge).
public func resolveGroupSizeBand(billableCount: Int, bands: [GroupSizeBand]) -> GroupSizeBandResolution {
    var exact: GroupSizeBand?
    var below: GroupSizeBand?
    for band in bands {
        if band.contains(billableCount) {
            if exact.map({ band.minParticipants > $0.minParticipants }) ?? true { exact = band }
        } else if band.maxParticipants < billableCount {
            if below.map({ band.maxParticipants > $0.maxParticipants
                || (band.maxParticipants == $0.maxParticipants && band.minParticipants > $0.minParticipants) }) ?? true {
                below = band
            }
        }
    }
    if let exact { return .exact(exact) }
    if let below { return .nextBandDown(below, mismatch: billableCount) }
    if billableCount >= 1, let smallest = bands.min(by: { ($0.minParticipants, $0.maxParticipants) < ($1.minParticipants, $1.maxParticipants) }) {
        return .belowSmallestBand(smallest: smallest, billableCount: billableCount)
    }
    return .none
}

/// Checks the payer's participants-per-supervisor limit.
///
/// A breach is more billable participants than `presentSupervisors × maxParticipantsPerSupervisor`;
/// billable participants with no supervisor present is therefore always a breach. An empty group
/// never breaches.
public func checkSupervisionRatio(billableCount: Int, presentSupervisors: Int, rule: SupervisionRule) -> SupervisionRatioResult {
    let supervisors = max(0, presentSupervisors)
    let perSupervisor = max(0, rule.maxParticipantsPerSupervisor)
    let (product, overflow) = supervisors.multipliedReportingOverflow(by: perSupervisor)
    let allowed = overflow ? Int.max : product
    if billableCount > allowed {
        return .breach(billableCount: billableCount, allowed: allowed)
    }
    return .withinRatio(billableCount: billableCount, allowed: allowed)
}
