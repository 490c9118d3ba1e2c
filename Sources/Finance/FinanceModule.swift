import Foundation
public import Platform

/// The Finance core's entry point: its migrations, subscribers and jobs (none yet).
public enum FinanceModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }

    /// Finance's consumers: VBP figures from `cl_quality_measure_period_calculated`.
    public static func subscribers() -> [EventSubscriber] {
        [QualityResultConsumer.subscriber()]
    }

    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] { [] }
}
