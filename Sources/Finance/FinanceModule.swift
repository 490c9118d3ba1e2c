public import Platform

/// The Finance core's entry point: its migrations, subscribers and jobs (none yet).
public enum FinanceModule {
    public static func migrations() throws -> [Migration] { [] }

    public static func subscribers() -> [EventSubscriber] { [] }

    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] { [] }
}
