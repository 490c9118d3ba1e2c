public import Foundation

/// A group-billing issue, as the live preview shows it and the claim scrubber raises it.
public struct GroupBillingWarning: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable {
        case supervisionRatioBreach = "SUPERVISION_RATIO_BREACH"
        case groupSizeBandMismatch = "GROUP_SIZE_BAND_MISMATCH"
        case groupUnattendedBilled = "GROUP_UNATTENDED_BILLED"
        /// Fewer billable participants than the payer's smallest band: not billable as a group.
        case groupBelowSmallestBand = "GROUP_BELOW_SMALLEST_BAND"
    }

    public let code: Code
    public let message: String
    /// The numbers behind the warning, by name (e.g. `billable_count`, `allowed`).
    public let figures: [String: Int]
}

/// A payer's group rules in one state: the inputs of the payer-scoped checks.
public struct PayerGroupRules: Sendable, Hashable {
    public let payerID: UUID
    public let payerName: String
    public let supervision: SupervisionRule?
    public let bands: [GroupSizeBand]

    public init(payerID: UUID, payerName: String, supervision: SupervisionRule?, bands: [GroupSizeBand]) {
        self.payerID = payerID
        self.payerName = payerName
        self.supervision = supervision
        self.bands = bands
    }
}

/// What a group session would bill as it stands: the one computation behind the live preview
/// and the claim scrubber's group-billing checks.
public struct GroupBillingPreview: Sendable, Hashable {
    public let billableCount: Int
    public let presentSupervisors: Int
    public let unmarkedCount: Int
    /// The payer whose rules were applied; nil when no participant has coverage (payer-scoped checks skipped).
    public let payer: PayerGroupRules?
    public let band: GroupSizeBandResolution?
    public let expectedUnits: TimedUnitResult
    public let warnings: [GroupBillingWarning]

    /// The rate per unit the band pays, if a band applies.
    public var unitRateCents: Int? { band?.band?.unitRateCents }
}

/// Computes the preview. Warnings come in a fixed order: unattended, supervision, band.
public func previewGroupBilling(participants: [GroupParticipant], payer: PayerGroupRules?, durationMinutes: Int,
                                billing: EffectiveBillingRules) -> GroupBillingPreview {
    let billable = countBillableParticipants(participants)
    let supervisors = countPresentSupervisors(participants)
    let unmarked = participants.filter { !$0.isSupervisor && $0.status == .scheduled }.count
    var warnings: [GroupBillingWarning] = []
    if unmarked > 0 {
        warnings.append(GroupBillingWarning(
            code: .groupUnattendedBilled,
            message: "\(unmarked) participant\(unmarked == 1 ? " is" : "s are") still SCHEDULED. Mark each one ATTENDED, LATE or ABSENT before billing.",
            figures: ["scheduled_count": unmarked]))
    }
    var band: GroupSizeBandResolution?
    if let payer {
        if let rule = payer.supervision, case .breach(let count, let allowed) = checkSupervisionRatio(
            billableCount: billable, presentSupervisors: supervisors, rule: rule) {
            warnings.append(GroupBillingWarning(
                code: .supervisionRatioBreach,
                message: "\(count) billable participants with \(supervisors) present supervisor\(supervisors == 1 ? "" : "s"): \(payer.payerName) allows \(rule.maxParticipantsPerSupervisor) per supervisor (\(allowed) in all).",
                figures: ["billable_count": count, "present_supervisors": supervisors,
                          "max_per_supervisor": rule.maxParticipantsPerSupervisor, "allowed": allowed]))
        }
        let resolution = resolveGroupSizeBand(billableCount: billable, bands: payer.bands)
        band = resolution
        if case .nextBandDown(let coded, let count) = resolution {
            warnings.append(GroupBillingWarning(
                code: .groupSizeBandMismatch,
                message: "\(count) billable participants fall between \(payer.payerName)'s bands; the claim is coded to the \(coded.minParticipants)–\(coded.maxParticipants) band.",
                figures: ["billable_count": count, "coded_band_min": coded.minParticipants, "coded_band_max": coded.maxParticipants,
                          "unit_rate_cents": coded.unitRateCents]))
        } else if case .belowSmallestBand(let smallest, let count) = resolution {
            warnings.append(GroupBillingWarning(
                code: .groupBelowSmallestBand,
                message: "\(count) billable participant\(count == 1 ? " is" : "s are") fewer than \(payer.payerName)'s smallest band (\(smallest.minParticipants)–\(smallest.maxParticipants)): the session is not billable as a group, and no group charge is built for this payer's members.",
                figures: ["billable_count": count, "smallest_band_min": smallest.minParticipants,
                          "smallest_band_max": smallest.maxParticipants]))
        }
    }
    let units = computeTimedUnits(minutes: durationMinutes, minimumBillableMinutes: billing.minBillableMinutes,
                                  unitMinutes: billing.timedCodeUnitMinutes)
    return GroupBillingPreview(billableCount: billable, presentSupervisors: supervisors, unmarkedCount: unmarked, payer: payer,
                               band: band, expectedUnits: units, warnings: warnings)
}
