import Clinical
import Finance
import PracticeManagement
public import Platform

/// How the cores talk to each other: which core consumes which event, and the periodic jobs that
/// publish them. Composed here because no core may import another.
public enum CorePipelines {
    /// PracticeManagement builds charges from Clinical's documented sessions; Finance turns Clinical's
    /// quality results into VBP figures.
    public static func subscribe(bus: EventBus, jurisdictions: JurisdictionResolver) {
        if !bus.subscriberNames(for: GroupSessionDocumented.eventType).contains(GroupChargeBuilder.subscriberName) {
            bus.subscribe(GroupChargeBuilder(resolver: jurisdictions).subscriber())
        }
        for subscriber in FinanceModule.subscribers() where !bus.subscriberNames(for: subscriber.eventType).contains(subscriber.name) {
            bus.subscribe(subscriber)
        }
    }

    /// The jobs `serve` runs: documenting sessions whose end time has passed.
    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] {
        [DocumentedAtEndTime.job(database: database, bus: bus)]
    }
}
