public import Foundation
public import Platform

/// CL-35: a patient with a follow-up window open today: discharged (FUH) or seen in the ED (FUM)
/// with a principal mental-illness or self-harm diagnosis, no qualifying visit yet, and the 30-day
/// window not yet closed; staff act on the 7-day due date first. Or (AMM) a patient in the acute
/// phase of new antidepressant treatment whose supply runs out within the next 14 days, short of
/// the 84 days the phase needs: staff reach out before it lapses.
public struct CareGap: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case hospitalization = "FUH"
        case emergencyVisit = "FUM"
        case antidepressantAcutePhase = "AMM"
    }

    public let patientId: UUID
    public let kind: Kind
    /// The discharge date, the ED visit date, or the first antidepressant dispensing (IPSD).
    public let eventDate: ServiceDate
    /// FUH/FUM: the last day a visit meets the 7-day indicator.
    public let sevenDayDueDate: ServiceDate?
    /// FUH/FUM: the last day a visit meets the 30-day indicator; the gap closes after it.
    public let thirtyDayDueDate: ServiceDate?
    /// AMM: the first day without antidepressant supply on hand.
    public let supplyLapsesOn: ServiceDate?
    /// Days from today to the next due date still ahead (7-day while open, else 30-day), or to the lapse.
    public let daysLeft: Int
}

public enum CareGaps {
    /// The open gaps on `today` among `encounters` (pure; the caller loads the last 30 days).
    public static func open(on today: ServiceDate, encounters: [QualityEncounter], birthDates: [UUID: ServiceDate],
                            antidepressants: AntidepressantTreatmentData? = nil) -> [CareGap] {
        let day = today.dayNumber
        var gaps: [CareGap] = []
        for (patient, own) in Dictionary(grouping: encounters, by: \.patientID) {
            guard let birth = birthDates[patient] else { continue }
            for stay in own where stay.kind == .inpatient && stay.diagnoses.principalMentalIllness
                && age(on: stay.end, born: birth) >= FollowUpAfterHospitalization.minimumAge
                && stay.end.dayNumber <= day && day <= stay.end.dayNumber + 30 {
                let seen = own.contains { $0.isMentalHealthFollowUp && $0.start.dayNumber > stay.end.dayNumber && $0.start.dayNumber <= day }
                if !seen { gaps.append(gap(patient, .hospitalization, stay.end, today: day)) }
            }
            for visit in own where visit.kind == .emergency && visit.diagnoses.principalMentalIllness
                && age(on: visit.start, born: birth) >= FollowUpAfterEmergencyVisit.minimumAge
                && visit.start.dayNumber <= day && day <= visit.start.dayNumber + 30 {
                let seen = own.contains { $0.isMentalHealthFollowUp && $0.start.dayNumber >= visit.start.dayNumber && $0.start.dayNumber <= day }
                if !seen { gaps.append(gap(patient, .emergencyVisit, visit.start, today: day)) }
            }
        }
        if let antidepressants { gaps += lapsingSupply(on: today, antidepressants) }
        return Array(Set(gaps)).sorted { ($0.daysLeft, $0.eventDate, $0.patientId.uuidString) < ($1.daysLeft, $1.eventDate, $1.patientId.uuidString) }
    }

    static func gap(_ patient: UUID, _ kind: CareGap.Kind, _ event: ServiceDate, today: Int) -> CareGap {
        let seven = event.dayNumber + 7, thirty = event.dayNumber + 30
        return CareGap(patientId: patient, kind: kind, eventDate: event, sevenDayDueDate: ServiceDate(dayNumber: seven)!,
                       thirtyDayDueDate: ServiceDate(dayNumber: thirty)!, supplyLapsesOn: nil, daysLeft: (today <= seven ? seven : thirty) - today)
    }

    /// How far ahead a lapsing antidepressant supply is listed.
    public static let supplyLapseNoticeDays = 14

    /// AMM: patients whose new treatment (IPSD in the last 115 days, so the acute phase is open,
    /// with the measure's age, negative history and diagnosis) has supply on hand today that runs
    /// out within 14 days (the last covered day is today or one of the next 13), while the supply
    /// dispensed so far gives fewer than the 84 days the acute phase needs.
    public static func lapsingSupply(on today: ServiceDate, _ data: AntidepressantTreatmentData) -> [CareGap] {
        let day = today.dayNumber
        let intake = today.adding(days: -AntidepressantMedicationManagement.acutePhase.lastDay)!...today
        var gaps: [CareGap] = []
        for (patient, own) in data.dispensings {
            guard case .episode(let episode)? = AntidepressantMedicationManagement.episode(
                      dispensings: own, depression: data.depression[patient] ?? [], born: data.birthDates[patient], intake: intake),
                  !episode.acuteMet,
                  let onHand = episode.covered.first(where: { $0.contains(day) }),
                  onHand.upperBound < day + supplyLapseNoticeDays else { continue }
            gaps.append(CareGap(patientId: patient, kind: .antidepressantAcutePhase, eventDate: episode.startDate, sevenDayDueDate: nil,
                                thirtyDayDueDate: nil, supplyLapsesOn: ServiceDate(dayNumber: onHand.upperBound + 1)!,
                                daysLeft: onHand.upperBound + 1 - day))
        }
        return gaps
    }

    /// Today's open gaps in the organization, on its own calendar.
    public static func current(now: Date = Date(), in tx: TenantTransaction) async throws -> [CareGap] {
        let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx), now: now)
        let valueSets = try await ValueSetStore.current(in: tx)
        let data = try await QualityPeriodData.load(from: today.adding(days: -30) ?? today, through: today,
                                                    valueSets: valueSets, in: tx)
        let firstDispensing = today.adding(days: -AntidepressantMedicationManagement.acutePhase.lastDay)!
        let antidepressants = try await AntidepressantTreatmentData.load(
            dispensedFrom: firstDispensing.adding(days: -AntidepressantMedicationManagement.negativeHistoryDays)!, through: today,
            diagnosedFrom: firstDispensing.adding(days: -AntidepressantMedicationManagement.diagnosisDays)!, through: today,
            codes: try await ValueSetCodesInUse.load(valueSets, in: tx), in: tx)
        return open(on: today, encounters: data.encounters, birthDates: data.birthDates, antidepressants: antidepressants)
    }
}
