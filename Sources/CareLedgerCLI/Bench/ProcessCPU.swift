import Foundation

/// CPU time spent by this process and by the PostgreSQL backends serving one database, as Linux
/// counts it in `/proc/<pid>/stat`. `bench attendance` divides it by the transactions of a
/// measured window, for the marks and for the floor: a cost per transaction that a busy disk
/// moves far less than the rates (which wait on commits).
///
/// Only the database's client backends are counted, not the cluster's background processes:
/// autovacuum cleaning up after the marks runs in the floor's window, and the checkpointer
/// flushes whatever came before, so either would charge one workload's work to the other.
struct ProcessCPU {
    /// This process: the benchmark's clients and, for the marks, the server.
    var benchmarkSeconds: Double
    /// The client backends connected to the database (by their process titles); nil without
    /// an embedded cluster.
    var postgresSeconds: Double?
    /// Of `benchmarkSeconds`, the threads of the load's own event loops (`LoadClientLoops`);
    /// nil when the load shares the server's loops.
    var loadSeconds: Double? = nil

    /// The counters now; `postmaster` is the embedded cluster's postmaster, when there is one;
    /// `loadThreads` names the threads of the load's own loops, when it has them.
    static func sample(postmaster: Int32?, database: String, loadThreads: String? = nil) -> ProcessCPU {
        let own = ticks(pid: getpid()) ?? 0
        let backends = postmaster.map { backendsServing(database, of: $0).reduce(0) { $0 + (ticks(pid: $1) ?? 0) } }
        let load = loadThreads.map { prefix in threads(named: prefix).reduce(0) { $0 + (ticks(of: $1) ?? 0) } }
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ProcessCPU(benchmarkSeconds: Double(own) / perSecond, postgresSeconds: backends.map { Double($0) / perSecond },
                          loadSeconds: load.map { Double($0) / perSecond })
    }

    /// The embedded cluster's postmaster, from the first line of `postmaster.pid`.
    static func postmaster(dataDirectory: String) -> Int32? {
        guard let text = try? String(contentsOfFile: "\(dataDirectory)/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// What was spent between `earlier` and `self`, per transaction, in microseconds.
    func microsecondsPerTransaction(since earlier: ProcessCPU, transactions: Int) -> (benchmark: Double, postgres: Double?) {
        var spent = Spent()
        spent.add(from: earlier, to: self)
        return spent.microsecondsPerTransaction(transactions)
    }

    /// CPU spent over several windows, added up (`bench attendance` measures in turns).
    struct Spent {
        var benchmarkSeconds = 0.0
        var postgresSeconds: Double? = 0
        var loadSeconds: Double? = 0

        mutating func add(from start: ProcessCPU, to end: ProcessCPU) {
            benchmarkSeconds += end.benchmarkSeconds - start.benchmarkSeconds
            postgresSeconds = Self.added(postgresSeconds, start.postgresSeconds, end.postgresSeconds)
            loadSeconds = Self.added(loadSeconds, start.loadSeconds, end.loadSeconds)
        }

        /// A counter's sum so far plus one window of it; nil once any window lacked it.
        private static func added(_ sum: Double?, _ start: Double?, _ end: Double?) -> Double? {
            guard let sum, let start, let end else { return nil }
            return sum + end - start
        }

        /// Per transaction, in microseconds.
        func microsecondsPerTransaction(_ transactions: Int) -> (benchmark: Double, postgres: Double?) {
            let count = Double(max(transactions, 1))
            return (benchmarkSeconds * 1_000_000 / count, postgresSeconds.map { $0 * 1_000_000 / count })
        }

        /// The load's own loops per transaction, in microseconds; nil when it shared the server's.
        func loadMicrosecondsPerTransaction(_ transactions: Int) -> Double? {
            loadSeconds.map { $0 * 1_000_000 / Double(max(transactions, 1)) }
        }
    }

    /// utime + stime, in clock ticks.
    private static func ticks(pid: Int32) -> Int? {
        ticks(of: "/proc/\(pid)/stat")
    }

    /// utime + stime of the process or thread whose `stat` file is at `path`, in clock ticks.
    private static func ticks(of path: String) -> Int? {
        guard let fields = statFields(path), fields.count > 12 else { return nil }
        // After the command's closing parenthesis: state is field 3, so utime (14) is index 11.
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    /// The `stat` files of this process's threads whose name starts with `prefix`.
    private static func threads(named prefix: String) -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { tid in
            let name = (try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix(prefix) ? "/proc/self/task/\(tid)/stat" : nil
        }
    }

    private static func statFields(pid: Int32) -> [Substring]? {
        statFields("/proc/\(pid)/stat")
    }

    /// The fields after `(comm)` in a `stat` file; the command may itself hold spaces.
    private static func statFields(_ path: String) -> [Substring]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// The postmaster's children whose title is a client backend's on `database`
    /// ("postgres: user database [local] idle"), autovacuum's workers left out.
    private static func backendsServing(_ database: String, of postmaster: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            // Field 4, the parent, is index 1 after the command.
            guard statFields(pid: pid).flatMap({ $0.count > 1 ? Int32($0[1]) : nil }) == postmaster,
                  let title = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return false }
            let words = title.split(whereSeparator: { $0 == " " || $0 == "\0" })
            return words.first == "postgres:" && words.dropFirst(2).first.map(String.init) == database && !title.contains("autovacuum")
        }
    }
}
