import Clinical
import PracticeManagement
public import Platform

/// How the cores talk to each other: which core consumes which event, and the periodic jobs that
/// publish them. Composed here because no core may import another.
public enum CorePipelines {
    /// PracticeManagement builds charges from Clinical's documented sessions and routes cost estimates to financial counseling.
    public static func subscribe(bus: EventBus, jurisdictions: JurisdictionResolver) {
        guard !bus.subscriberNames(for: GroupSessionDocumented.eventType).contains(GroupChargeBuilder.subscriberName) else { return }
        bus.subscribe(GroupChargeBuilder(resolver: jurisdictions).subscriber())
        for subscriber in PracticeManagementModule.subscribers(resolver: jurisdictions) { bus.subscribe(subscriber) }
    }

    /// The jobs `serve` runs: documenting sessions whose end time has passed.
    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] {
        [DocumentedAtEndTime.job(database: database, bus: bus)]
    }
}
