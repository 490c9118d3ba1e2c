import Foundation
import Platform

/// The words the pages show for the product's codes: staff read these, support reads the code
/// beside them. Codes not listed (a rule added later) read as their words, never as a blank.
enum PlainWords {
    /// `process_group` → "Process group"; known abbreviations keep their capitals.
    static func groupType(_ code: String) -> String {
        if let name = groupTypes[code] { return name }
        let words = code.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map { word -> String in
            let lower = word.lowercased()
            return abbreviations.contains(lower) ? lower.uppercased() : lower
        }
        guard let first = words.first else { return code }
        let head = abbreviations.contains(first.lowercased()) ? first : first.prefix(1).uppercased() + first.dropFirst()
        return ([head] + words.dropFirst()).joined(separator: " ")
    }

    static let groupTypes: [String: String] = [
        "iop_group": "IOP group",
        "php_group": "PHP group",
        "skills_group": "Skills group",
        "process_group": "Process group",
    ]

    static let abbreviations: Set<String> = ["iop", "php", "dbt", "cbt", "sud", "smi", "mat", "aa", "na"]

    /// A roster status as a person says it.
    static func attendance(_ status: AttendanceStatus) -> String {
        switch status {
        case .scheduled: "Scheduled"
        case .attended: "Attended"
        case .late: "Late"
        case .absent: "Absent"
        }
    }

    /// The billing preview's and the scrubber's warnings, titled in words.
    static func warningTitle(_ code: String) -> String {
        warningTitles[code] ?? sentence(code)
    }

    static let warningTitles: [String: String] = [
        "GROUP_UNATTENDED_BILLED": "Participants still scheduled",
        "GROUP_SIZE_BAND_MISMATCH": "Group size outside the payer's bands",
        "SUPERVISION_RATIO_BREACH": "Too few supervisors present",
    ]

    /// `SOME_CODE` → "Some code".
    static func sentence(_ code: String) -> String {
        let words = code.lowercased().split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// What a claim is to the payer: new, replacing an earlier one, or cancelling it (CLM05-3).
    static func claimKind(frequencyCode: String) -> String {
        switch frequencyCode {
        case "7": "Replacement"
        case "8": "Void"
        default: "Original"
        }
    }

    static func claimStatus(_ raw: String) -> String {
        switch raw {
        case "open": "Ready to send"
        case "exported": "Sent"
        case "corrected": "Replaced or voided"
        default: sentence(raw)
        }
    }

    /// A charge's state on the session page.
    static func chargeStatus(_ raw: String) -> String {
        switch raw {
        case "active": "Current"
        case "void": "Voided"
        default: sentence(raw)
        }
    }

    /// `2026-12-01` → "Tue 1 Dec 2026"; anything else is returned as given.
    static func date(_ iso: String) -> String {
        guard let date = isoDay.date(from: iso) else { return iso }
        return longDay.string(from: date)
    }

    /// A service date in the same words.
    static func date(_ day: ServiceDate) -> String { date(day.description) }

    static func money(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        let dollars = String(value / 100).reversed().enumerated().reduce(into: "") { text, pair in
            if pair.offset > 0 && pair.offset % 3 == 0 { text.append(",") }
            text.append(pair.element)
        }
        return "\(sign)$\(String(dollars.reversed())).\(String(format: "%02d", value % 100))"
    }

    private static var isoDay: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }

    private static var longDay: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE d MMM yyyy"
        return formatter
    }
}
