import Foundation

/// A process's memory as Linux reports it in `/proc/<pid>/status`.
struct ProcessMemory: CustomStringConvertible {
    /// Resident set, kB (`VmRSS`): anonymous plus file-backed plus shared memory.
    var residentKB: Int
    /// Resident anonymous memory, kB (`RssAnon`): the heap and thread stacks.
    var anonymousKB: Int
    /// Resident file-backed memory, kB (`RssFile`): the executable and libraries' touched pages.
    var fileKB: Int
    var threads: Int
    /// Proportional set, kB (`Pss` in `smaps_rollup`): shared pages divided among the processes
    /// mapping them, so what this process adds when other Swift processes share the libraries.
    var proportionalKB: Int?

    var residentMB: Double { Double(residentKB) / 1024 }

    var description: String {
        func megabytes(_ kilobytes: Int) -> String { String(format: "%.1f MB", Double(kilobytes) / 1024) }
        return "resident \(megabytes(residentKB)) (anonymous \(megabytes(anonymousKB)), files \(megabytes(fileKB))), "
            + "proportional \(proportionalKB.map(megabytes) ?? "unknown"), \(threads) threads"
    }

    /// The process's figures, or `nil` when it no longer exists.
    static func read(pid: Int32) -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let rollup = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
        var fields: [String: Int] = [:]
        for line in (status + "\n" + rollup).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            // "VmRSS:	   51234 kB" → 51234
            fields[String(parts[0])] = parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
        }
        guard let resident = fields["VmRSS"] else { return nil }
        return ProcessMemory(residentKB: resident, anonymousKB: fields["RssAnon"] ?? 0, fileKB: fields["RssFile"] ?? 0,
                             threads: fields["Threads"] ?? 0, proportionalKB: fields["Pss"])
    }
}
