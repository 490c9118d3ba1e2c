import PostgresNIO
public import Foundation
public import Logging
public import ServiceLifecycle

/// A job that runs once per period across all server processes.
public struct PeriodicJob: Sendable {
    public let name: String
    public let period: Duration
    public let run: @Sendable (_ periodStart: Date) async throws -> Void

    public init(name: String, period: Duration, run: @escaping @Sendable (_ periodStart: Date) async throws -> Void) {
        self.name = name
        self.period = period
        self.run = run
    }

    /// The start of the period containing `date` (periods are aligned to the Unix epoch).
    public func periodStart(containing date: Date) -> Date {
        let seconds = Double(period.components.seconds) + Double(period.components.attoseconds) / 1e18
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }
}

/// Runs periodic jobs; the first process to record a (job, period) row runs that period.
public final class PeriodicJobRunner: Service, Sendable {
    private let jobs: [PeriodicJob]
    private let database: Database
    private let logger: Logger
    private let instance: String
    private let checkInterval: Duration

    public init(jobs: [PeriodicJob], database: Database, logger: Logger, instance: String = "\(ProcessInfo.processInfo.hostName):\(getpid())",
                checkInterval: Duration = .seconds(5)) {
        self.jobs = jobs
        self.database = database
        self.logger = logger
        self.instance = instance
        self.checkInterval = checkInterval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.runDueJobs(now: Date())
                // Cancellation is how a graceful shutdown reaches this loop: end it quietly.
                try? await Task.sleep(for: self.checkInterval)
            }
        }
    }

    /// Runs each job whose current period nobody has claimed yet. Returns the jobs this process ran.
    @discardableResult
    public func runDueJobs(now: Date) async -> [String] {
        var ran: [String] = []
        for job in jobs {
            let start = job.periodStart(containing: now)
            do {
                guard try await claim(job, periodStart: start) else { continue }
                try await job.run(start)
                ran.append(job.name)
            } catch {
                logger.warning("periodic job failed", metadata: ["job": .string(job.name), "error": .string(EventDispatcher.errorCode(error))])
            }
        }
        return ran
    }

    func claim(_ job: PeriodicJob, periodStart: Date) async throws -> Bool {
        let instance = self.instance
        return try await database.withoutTenant { connection in
            let rows = try await connection.query("""
                INSERT INTO pf_job_runs (job_name, period_start, claimed_by) VALUES (\(job.name), \(periodStart), \(instance))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: self.logger)
            for try await _ in rows { return true }
            return false
        }
    }
}
