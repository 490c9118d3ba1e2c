import Foundation
import PracticeManagement

/// The CSV export of the IOP/PHP compliance report: one line per patient-week, RFC 4180 quoting.
enum ComplianceCSV {
    static let header = [
        "patient_id", "patient_name", "week_start", "days_attended", "hours_attended", "level_met",
        "iop_met", "iop_days_meeting_day_minimum", "iop_hours_shortfall", "iop_days_shortfall",
        "php_met", "php_days_meeting_day_minimum", "php_hours_shortfall", "php_days_shortfall",
        "program_label", "profile_source",
    ]

    static func render(_ report: ComplianceReportView) -> String {
        var lines = [header.joined(separator: ",")]
        lines.reserveCapacity(report.rows.count + 1)
        for row in report.rows {
            let fields: [String] = [
                row.patientID.uuidString, row.patientName, row.weekStart, "\(row.daysAttended)", number(row.hoursAttended),
                row.levelMet ?? "",
                "\(row.iop.met)", "\(row.iop.daysMeetingDayMinimum)", number(row.iop.hoursShortfall), "\(row.iop.daysShortfall)",
                "\(row.php.met)", "\(row.php.daysMeetingDayMinimum)", number(row.php.hoursShortfall), "\(row.php.daysShortfall)",
                row.programLabel, row.profileSource,
            ]
            lines.append(fields.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `7.5`, `9` — no trailing `.0` for whole hours.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Quotes a field when it needs it; a leading `=`, `+`, `-` or `@` is defused with an apostrophe
    /// so a spreadsheet never runs a name as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
