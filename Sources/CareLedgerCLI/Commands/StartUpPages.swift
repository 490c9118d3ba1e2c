import Foundation

/// Unmaps the executable's read-only pages (its code and constants) once `serve` is listening, so
/// pages that only start-up ran (migration, the schema's set-up, the routes' construction, and the
/// kernel's fault-around of 64 KB about each) stop counting in the server's resident set. Whatever
/// the server runs next maps its pages again on first touch, from the page cache (a minor fault).
///
/// What this is: the idle server's resident set made to hold what it uses, not memory given back
/// to the machine. The file's pages stay in the page cache, shared with any process mapping them,
/// as clean file pages the kernel could reclaim from a mapping anyway. Only mappings without a
/// private (copied-on-write) page are released: relocated constants (RELRO) and data would be
/// lost, so those are left alone.
enum StartUpPages {
    /// Releases the executable's clean read-only mappings; returns the bytes that were resident in them.
    @discardableResult
    static func release() -> Int {
        guard let smaps = try? String(contentsOfFile: "/proc/self/smaps", encoding: .utf8) else { return 0 }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var released = 0
        for mapping in Mapping.parse(smaps) where isReleasable(mapping, executable: executable) {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(start, Int(mapping.end - mapping.start), MADV_DONTNEED) == 0 { released += mapping.residentKB * 1_024 }
        }
        return released
    }

    /// A mapping of the executable's file, read-only and private, without a page copied on write.
    static func isReleasable(_ mapping: Mapping, executable: String) -> Bool {
        mapping.path == executable && mapping.isReadOnlyPrivate && mapping.anonymousKB == 0
    }

    /// One mapping of `/proc/self/smaps`: its range, permissions, file and the counts used here.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        var permissions: String
        var path: String
        var residentKB = 0
        var anonymousKB = 0

        /// Not writable and private: `r--p` or `r-xp`.
        var isReadOnlyPrivate: Bool { permissions.count == 4 && !permissions.contains("w") && permissions.hasSuffix("p") }

        static func parse(_ text: String) -> [Mapping] {
            var mappings: [Mapping] = []
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard let first = fields.first else { continue }
                if first.hasSuffix(":") {
                    guard !mappings.isEmpty, fields.count >= 2, let kilobytes = Int(fields[1]) else { continue }
                    if first == "Rss:" { mappings[mappings.count - 1].residentKB = kilobytes }
                    if first == "Anonymous:" { mappings[mappings.count - 1].anonymousKB = kilobytes }
                    continue
                }
                let range = first.split(separator: "-")
                guard range.count == 2, fields.count >= 5, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { continue }
                mappings.append(Mapping(start: start, end: end, permissions: String(fields[1]),
                                        path: fields.count > 5 ? fields[5...].joined(separator: " ") : ""))
            }
            return mappings
        }
    }
}
