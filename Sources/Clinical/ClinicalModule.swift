import Foundation
public import Platform

/// The Clinical core's entry point: its migrations, the subscribers it adds to the bus, and the
/// jobs a server runs for it.
public enum ClinicalModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }

    /// Clinical consumes no other core's events yet.
    public static func subscribers() -> [EventSubscriber] { [] }

    /// Documenting sessions whose end time has passed (which hands them to charge capture), and
    /// finalizing each quality-measure period once it has ended.
    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] {
        [DocumentedAtEndTime.job(database: database, bus: bus), QualityPeriodJob.job(database: database, bus: bus)]
    }
}
