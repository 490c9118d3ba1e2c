public import Foundation
public import Platform

/// One charge a documented group session should carry for one billable member.
public struct GroupChargeLine: Sendable, Hashable {
    public let patientID: UUID
    public let payerID: UUID?
    public let procedureCode: String
    public let modifiers: [String]
    public let units: Int
    public let unitRateCents: Int?
    public let amountCents: Int?
    /// Where the rate came from: the payer's group-size band, else the fee schedule, else none.
    public let rateSource: RateSource

    public enum RateSource: String, Sendable, Hashable {
        case groupSizeBand = "group_size_band"
        case feeSchedule = "fee_schedule"
        case unpriced
    }
}

/// What a documented session should be billed as.
public struct GroupChargePlan: Sendable, Hashable {
    /// One line per billable member that could be coded.
    public let lines: [GroupChargeLine]
    /// Why the session (or some of its members) produced no charge: a stable code and a sentence.
    public let problem: ChargeProblem?
}

/// The pure charge rule for a documented group session (PM-07): procedure code from the group type
/// mapping, timed units from the duration under the jurisdiction profile, modifiers from the
/// profile's conventions (the group trigger holds with two or more billable participants), and the
/// rate from the member's payer's group-size band for the billable count. A member whose payer's
/// smallest band is above the billable count is not charged (`resolveGroupSizeBand`'s decision,
/// the one the preview and scrubber warn about with GROUP_BELOW_SMALLEST_BAND).
public func planGroupCharges(_ session: GroupSessionDocumented.Payload, primaryPayers: [UUID: UUID], bands: [UUID: [GroupSizeBand]],
                             engine: BillingRulesEngine, autoApplyU7: Bool, autoApplyUB: Bool) -> GroupChargePlan {
    let billable = session.billableAttendees
    guard !billable.isEmpty else {
        return GroupChargePlan(lines: [], problem: ChargeProblem(code: "NO_BILLABLE_ATTENDEES", message: "No participant was marked ATTENDED or LATE."))
    }
    let header = session.header
    let facts = EncounterFacts(isGroup: billable.count >= 2, autoApplyU7: autoApplyU7, autoApplyUB: autoApplyUB)
    var lines: [GroupChargeLine] = []
    var uncoded: [ChargeProblem] = []
    for attendee in billable {
        let payer = primaryPayers[attendee.patientId]
        let evaluation = engine.evaluate(EncounterCharge(serviceType: header.groupType, minutes: header.durationMinutes, facts: facts,
                                                         payerID: payer, serviceDate: header.sessionDate))
        if case .notBillable(let reason) = evaluation.units {
            // The duration is the session's, so no member can be billed.
            return GroupChargePlan(lines: [], problem: ChargeProblem(code: "BELOW_MINIMUM_DURATION", message: reason.description))
        }
        guard let code = evaluation.procedureCode.code, let units = evaluation.units.units else {
            uncoded.append(evaluation.procedureCode == .noMappingOnDate
                ? ChargeProblem(code: "NO_MAPPING_ON_DATE", message: "No procedure code mapping for \(header.groupType) is in force on \(header.sessionDate).")
                : ChargeProblem(code: "UNMAPPED_SERVICE_TYPE", message: "The group type \(header.groupType) has no procedure code mapping."))
            continue
        }
        // The preview's own band rule: below the payer's smallest band the member is not billable as a group.
        let resolution = payer.flatMap { bands[$0] }.map { resolveGroupSizeBand(billableCount: billable.count, bands: $0) } ?? .none
        if case .belowSmallestBand(let smallest, let count) = resolution {
            uncoded.append(ChargeProblem(code: "GROUP_BELOW_SMALLEST_BAND",
                                         message: "\(count) billable participant\(count == 1 ? " is" : "s are") fewer than the payer's smallest band (\(smallest.minParticipants)–\(smallest.maxParticipants)): not billable as a group."))
            continue
        }
        let band = resolution.band
        let rate: Int?
        let source: GroupChargeLine.RateSource
        if let band {
            (rate, source) = (band.unitRateCents, .groupSizeBand)
        } else if case .priced(let feeRate, _) = evaluation.pricing {
            (rate, source) = (feeRate, .feeSchedule)
        } else {
            (rate, source) = (nil, .unpriced)
        }
        let amount = rate.flatMap { rate -> Int? in
            let (product, overflow) = units.multipliedReportingOverflow(by: rate)
            return overflow ? nil : product
        }
        lines.append(GroupChargeLine(patientID: attendee.patientId, payerID: payer, procedureCode: code, modifiers: evaluation.modifiers.codes,
                                     units: units, unitRateCents: rate, amountCents: amount, rateSource: source))
    }
    if let first = uncoded.first {
        let message = uncoded.count == billable.count ? first.message : "\(uncoded.count) of \(billable.count) members were not charged: \(first.message)"
        return GroupChargePlan(lines: lines, problem: ChargeProblem(code: first.code, message: message))
    }
    return GroupChargePlan(lines: lines, problem: nil)
}
