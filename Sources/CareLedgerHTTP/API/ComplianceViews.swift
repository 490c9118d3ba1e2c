import Foundation
import Platform
import PracticeManagement

/// The JSON form of the IOP/PHP compliance report.
struct ComplianceReportView: Encodable, Sendable {
    struct Level: Encodable, Sendable {
        let met: Bool
        let daysMeetingDayMinimum: Int
        let hoursShortfall: Double
        let daysShortfall: Int
        let minHoursPerWeek: Double
        let minDaysPerWeek: Int
        let minHoursPerDay: Double

        init(_ result: ProgramWeekResult) {
            met = result.met
            daysMeetingDayMinimum = result.daysMeetingDayMinimum
            hoursShortfall = ComplianceReportView.hours(result.hoursShortfall)
            daysShortfall = result.daysShortfall
            minHoursPerWeek = result.threshold.minHoursPerWeek
            minDaysPerWeek = result.threshold.minDaysPerWeek
            minHoursPerDay = result.threshold.minHoursPerDay
        }
    }

    struct Row: Encodable, Sendable {
        let patientID: UUID
        let patientName: String
        let weekStart: String
        let siteID: UUID
        let profileSource: String
        let programLabel: String
        let daysAttended: Int
        let hoursAttended: Double
        let levelMet: String?
        let iop: Level
        let php: Level

        init(_ row: IOPPHPComplianceRow) {
            patientID = row.patientID
            patientName = row.patientName
            weekStart = row.weekStart.description
            siteID = row.siteID
            profileSource = row.profileSource.recordValue
            programLabel = row.programLabel
            daysAttended = row.result.daysAttended
            hoursAttended = ComplianceReportView.hours(row.result.hoursAttended)
            levelMet = row.result.levelMet?.rawValue
            iop = Level(row.result.iop)
            php = Level(row.result.php)
        }
    }

    let from: String
    let to: String
    let facilityID: UUID?
    let patientID: UUID?
    let rows: [Row]

    init(_ report: IOPPHPComplianceReport) {
        from = report.query.period.from.description
        to = report.query.period.to.description
        facilityID = report.query.facilityID
        patientID = report.query.patientID
        rows = report.rows.map(Row.init)
    }

    /// Hours to two decimals: whole minutes give thirds and sixths that print as long fractions.
    static func hours(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static let levelSchema: Schema = .object([
        ("met", .boolean), ("days_meeting_day_minimum", .integer), ("hours_shortfall", .number), ("days_shortfall", .integer),
        ("min_hours_per_week", .number), ("min_days_per_week", .integer), ("min_hours_per_day", .number),
    ], required: ["met", "days_meeting_day_minimum", "hours_shortfall", "days_shortfall", "min_hours_per_week", "min_days_per_week", "min_hours_per_day"])

    static let rowSchema: Schema = .object([
        ("patient_id", .string(format: "uuid")), ("patient_name", .string()), ("week_start", .string(format: "date")),
        ("site_id", .string(format: "uuid")), ("profile_source", .string()), ("program_label", .string()),
        ("days_attended", .integer), ("hours_attended", .number),
        ("level_met", .nullable(.string(enumeration: ProgramLevel.allCases.map(\.rawValue)))),
        ("iop", .ref("IOPPHPLevelResult")), ("php", .ref("IOPPHPLevelResult")),
    ], required: ["patient_id", "patient_name", "week_start", "site_id", "profile_source", "program_label", "days_attended",
                  "hours_attended", "iop", "php"])

    static let schema: Schema = .object([
        ("from", .string(format: "date")), ("to", .string(format: "date")), ("facility_id", .nullable(.string(format: "uuid"))),
        ("patient_id", .nullable(.string(format: "uuid"))), ("rows", .array(.ref("IOPPHPComplianceRow"))),
    ], required: ["from", "to", "rows"])
}
