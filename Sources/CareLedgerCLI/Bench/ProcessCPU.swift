import Foundation

/// CPU time spent by this process and by the embedded PostgreSQL cluster, as Linux counts it in
/// `/proc/<pid>/stat`. `bench attendance` divides it by the transactions of a measured window,
/// for the marks and for the floor: a cost per transaction that a busy disk does not move, where
/// the rates (which wait on commits) move with it.
struct ProcessCPU {
    /// This process: the benchmark's clients and, for the marks, the server.
    var benchmarkSeconds: Double
    /// The postmaster, its live children (backends, writers, autovacuum) and the children it has
    /// already reaped (`cutime`/`cstime`); nil without an embedded cluster.
    var postgresSeconds: Double?

    /// The counters now; `postmaster` is the embedded cluster's postmaster, when there is one.
    static func sample(postmaster: Int32?) -> ProcessCPU {
        let own = ticks(pid: getpid()).map { $0.own } ?? 0
        var cluster: Int?
        if let postmaster, let root = ticks(pid: postmaster) {
            cluster = root.own + root.reaped + children(of: postmaster).reduce(0) { $0 + (ticks(pid: $1)?.own ?? 0) }
        }
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ProcessCPU(benchmarkSeconds: Double(own) / perSecond, postgresSeconds: cluster.map { Double($0) / perSecond })
    }

    /// The embedded cluster's postmaster, from the first line of `postmaster.pid`.
    static func postmaster(dataDirectory: String) -> Int32? {
        guard let text = try? String(contentsOfFile: "\(dataDirectory)/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// What was spent between `earlier` and `self`, per transaction, in microseconds.
    func microsecondsPerTransaction(since earlier: ProcessCPU, transactions: Int) -> (benchmark: Double, postgres: Double?) {
        let count = Double(max(transactions, 1))
        var postgres: Double?
        if let now = postgresSeconds, let then = earlier.postgresSeconds { postgres = (now - then) * 1_000_000 / count }
        return ((benchmarkSeconds - earlier.benchmarkSeconds) * 1_000_000 / count, postgres)
    }

    /// utime + stime, and the reaped children's cutime + cstime, in clock ticks.
    private static func ticks(pid: Int32) -> (own: Int, reaped: Int)? {
        guard let fields = statFields(pid: pid), fields.count > 14 else { return nil }
        // After the command's closing parenthesis: state is field 3, so utime (14) is index 11.
        let number = { (index: Int) in Int(fields[index]) ?? 0 }
        return (number(11) + number(12), number(13) + number(14))
    }

    /// The fields after `(comm)` in `/proc/<pid>/stat`; the command may itself hold spaces.
    private static func statFields(pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    private static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            // Field 4, the parent, is index 1 after the command.
            statFields(pid: pid).flatMap { $0.count > 1 ? Int32($0[1]) : nil } == parent
        }
    }
}
