public import Foundation
public import Platform
import Logging
import PostgresNIO

/// The periods the job closes: each calendar quarter, and each calendar year, once it has ended
/// on the organization's own calendar. Not months: FUH and FUM count events whose 30-day window
/// closes inside the period and IET episodes 47 days before its end, so a month has almost none.
public enum QualityPeriodSchedule {
    /// The periods that ended yesterday when it is `today`: the quarter before on January, April,
    /// July and October 1, and the year before as well on January 1; nothing on other days.
    public static func periodsEnded(before today: ServiceDate) -> [MeasurementPeriod] {
        guard today.day == 1, [1, 4, 7, 10].contains(today.month), let lastDay = today.adding(days: -1),
              let quarterStart = ServiceDate(year: lastDay.year, month: lastDay.month - 2, day: 1),
              let quarter = try? MeasurementPeriod(start: quarterStart, end: lastDay) else { return [] }
        return today.month == 1 ? [quarter, .year(lastDay.year)] : [quarter]
    }
}

/// The job that finalizes each organization's ended periods (once: a period already finalized,
/// by the job or by hand, is left alone; recalculating is a person's decision).
public enum QualityPeriodJob {
    public static let name = "clinical.quality.period-end"

    public static func job(database: Database, bus: EventBus, period: Duration = .seconds(3_600)) -> PeriodicJob {
        PeriodicJob(name: name, period: period) { _ in
            _ = try await run(now: Date(), database: database, bus: bus)
        }
    }

    /// Finalizes what is due in every organization; returns how many periods it finalized. One
    /// organization failing is logged (ids only) and retried next run; the others go on.
    @discardableResult
    public static func run(now: Date, database: Database, bus: EventBus) async throws -> Int {
        let organizations = try await database.withoutTenant { connection in
            var ids: [UUID] = []
            for try await id in try await connection.query("SELECT pf_organization_ids()", logger: database.logger).decode(UUID.self) { ids.append(id) }
            return ids
        }
        var finalized = 0
        for organization in organizations {
            do {
                finalized += try await database.withTenant(organization) { tx in
                    let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx), now: now)
                    var count = 0
                    for period in QualityPeriodSchedule.periodsEnded(before: today) {
                        let done = try await tx.rows("""
                            SELECT 1 FROM cl_quality_measure_periods
                            WHERE period_start = \(period.start.description)::date AND period_end = \(period.end.description)::date LIMIT 1
                            """)
                        guard done.isEmpty else { continue }
                        try await QualityPeriodFinalizer.finalize(period, bus: bus, by: nil, now: now, in: tx)
                        count += 1
                    }
                    return count
                }
            } catch {
                database.logger.error("finalizing quality periods failed; retried next run", metadata: [
                    "organization_id": "\(organization)", "error_type": "\(type(of: error))"])
            }
        }
        return finalized
    }
}
