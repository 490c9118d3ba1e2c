public import Foundation
public import Platform

/// CL-35: a patient with a follow-up window open today: discharged (FUH) or seen in the ED (FUM)
/// with a principal mental-illness or self-harm diagnosis, no qualifying visit yet, and the 30-day
/// window not yet closed. Staff act on the 7-day due date first.
public struct CareGap: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case hospitalization = "FUH"
        case emergencyVisit = "FUM"
    }

    public let patientId: UUID
    public let kind: Kind
    /// The discharge date or the ED visit date.
    public let eventDate: ServiceDate
    /// The last day a visit meets the 7-day indicator.
    public let sevenDayDueDate: ServiceDate
    /// The last day a visit meets the 30-day indicator; the gap closes after it.
    public let thirtyDayDueDate: ServiceDate
    /// Days from today to the next due date still ahead (7-day while open, else 30-day).
    public let daysLeft: Int
}

public enum CareGaps {
    /// The open gaps on `today` among `encounters` (pure; the caller loads the last 30 days).
    public static func open(on today: ServiceDate, encounters: [QualityEncounter], birthDates: [UUID: ServiceDate]) -> [CareGap] {
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
        return Array(Set(gaps)).sorted { ($0.daysLeft, $0.eventDate, $0.patientId.uuidString) < ($1.daysLeft, $1.eventDate, $1.patientId.uuidString) }
    }

    static func gap(_ patient: UUID, _ kind: CareGap.Kind, _ event: ServiceDate, today: Int) -> CareGap {
        let seven = event.dayNumber + 7, thirty = event.dayNumber + 30
        return CareGap(patientId: patient, kind: kind, eventDate: event, sevenDayDueDate: ServiceDate(dayNumber: seven)!,
                       thirtyDayDueDate: ServiceDate(dayNumber: thirty)!, daysLeft: (today <= seven ? seven : thirty) - today)
    }

    /// Today's open gaps in the organization, on its own calendar.
    public static func current(now: Date = Date(), in tx: TenantTransaction) async throws -> [CareGap] {
        let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx), now: now)
        let valueSets = try await ValueSetStore.current(in: tx)
        let data = try await QualityPeriodData.load(from: today.adding(days: -30) ?? today, through: today,
                                                    valueSets: valueSets, in: tx)
        return open(on: today, encounters: data.encounters, birthDates: data.birthDates)
    }
}
