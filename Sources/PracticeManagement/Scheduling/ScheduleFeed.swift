public import Foundation
import Platform

/// One occurrence of a scheduling feed, with the line (CSV) or position (JSON) it came from.
public struct ScheduleFeedRow: Sendable, Equatable {
    public var line: Int
    public var externalID: String
    public var groupName: String
    public var groupType: String
    public var facility: String
    public var sessionDate: String
    public var startTime: String
    public var endTime: String
    public var location: String?
    public var capacity: Int
    public var patientMRNs: [String]
}

/// A row the feed cannot use, named by line and field.
public struct ScheduleFeedProblem: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let field: String
    public let message: String
    public var description: String { "line \(line): \(field): \(message)" }
}

/// Reads a scheduling feed in CSV (header row; `patient_mrns` separated by `;`) or JSON (an array
/// of objects, or `{"occurrences": [...]}`), with the same field names either way.
public enum ScheduleFeed {
    public static let columns = ["external_id", "group_name", "group_type", "facility", "session_date", "start_time", "end_time",
                                 "location", "capacity", "patient_mrns"]
    static let required = ["external_id", "group_name", "group_type", "facility", "session_date", "start_time", "end_time"]

    public static func parseCSV(_ text: String) -> ([ScheduleFeedRow], [ScheduleFeedProblem]) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { return ([], [ScheduleFeedProblem(line: 1, field: "header", message: "The file is empty.")]) }
        let header = splitCSVLine(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], [ScheduleFeedProblem(line: 1, field: "header", message: "Missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")).")])
        }
        var records: [(Int, [String: String])] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let values = splitCSVLine(line)
            var record: [String: String] = [:]
            for (column, name) in header.enumerated() where column < values.count { record[name] = values[column] }
            records.append((index + 1, record))
        }
        return rows(records)
    }

    public static func parseJSON(_ data: Data) -> ([ScheduleFeedRow], [ScheduleFeedProblem]) {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return ([], [ScheduleFeedProblem(line: 1, field: "body", message: "The file is not valid JSON.")])
        }
        let list = (object as? [[String: Any]]) ?? ((object as? [String: Any])?["occurrences"] as? [[String: Any]])
        guard let list else {
            return ([], [ScheduleFeedProblem(line: 1, field: "body", message: "Expected an array of occurrences or {\"occurrences\": [...]}.")])
        }
        let records = list.enumerated().map { index, item in
            (index + 1, item.reduce(into: [String: String]()) { record, pair in
                switch pair.value {
                case let text as String: record[pair.key] = text
                case let number as NSNumber: record[pair.key] = number.stringValue
                case let list as [Any]: record[pair.key] = list.map { "\($0)" }.joined(separator: ";")
                default: break
                }
            })
        }
        return rows(records)
    }

    static func rows(_ records: [(Int, [String: String])]) -> ([ScheduleFeedRow], [ScheduleFeedProblem]) {
        var rows: [ScheduleFeedRow] = []
        var problems: [ScheduleFeedProblem] = []
        var seen = Set<String>()
        for (line, record) in records {
            func value(_ name: String) -> String { (record[name] ?? "").trimmingCharacters(in: .whitespaces) }
            var rowProblems: [ScheduleFeedProblem] = []
            for name in required where value(name).isEmpty {
                rowProblems.append(ScheduleFeedProblem(line: line, field: name, message: "is required"))
            }
            if !value("session_date").isEmpty, ServiceDate(value("session_date")) == nil {
                rowProblems.append(ScheduleFeedProblem(line: line, field: "session_date", message: "use YYYY-MM-DD"))
            }
            for name in ["start_time", "end_time"] where !value(name).isEmpty && TimeOfDay(value(name)) == nil {
                rowProblems.append(ScheduleFeedProblem(line: line, field: name, message: "use HH:MM (24-hour)"))
            }
            if let start = TimeOfDay(value("start_time")), let end = TimeOfDay(value("end_time")), end <= start {
                rowProblems.append(ScheduleFeedProblem(line: line, field: "end_time", message: "ends before it starts"))
            }
            let capacity = value("capacity").isEmpty ? 12 : Int(value("capacity"))
            if capacity == nil || !(1...100).contains(capacity ?? 0) {
                rowProblems.append(ScheduleFeedProblem(line: line, field: "capacity", message: "a whole number from 1 to 100"))
            }
            if !value("external_id").isEmpty, !seen.insert(value("external_id")).inserted {
                rowProblems.append(ScheduleFeedProblem(line: line, field: "external_id", message: "appears twice in this file"))
            }
            guard rowProblems.isEmpty else { problems += rowProblems; continue }
            rows.append(ScheduleFeedRow(
                line: line, externalID: value("external_id"), groupName: value("group_name"), groupType: value("group_type"),
                facility: value("facility"), sessionDate: value("session_date"), startTime: value("start_time"), endTime: value("end_time"),
                location: value("location").isEmpty ? nil : value("location"), capacity: capacity ?? 12,
                patientMRNs: value("patient_mrns").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
        }
        return (rows, problems)
    }

    /// Splits one CSV line, honouring double-quoted fields with doubled quotes inside.
    static func splitCSVLine(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; if next == "," { fields.append(current); current = "" } else { current.append(next) } }
                    } else { quoted = false }
                } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
