import Clinical
import Finance
import PracticeManagement
public import Platform

/// How the cores talk to each other: each core's subscribers on one bus, and the periodic jobs
/// that publish their events. Composed here because no core may import another.
public enum CorePipelines {
    /// Adds every core's subscribers to `bus`, once (a second call for the same bus adds nothing).
    public static func subscribe(bus: EventBus, jurisdictions: JurisdictionResolver) {
        let subscribers = ClinicalModule.subscribers() + PracticeManagementModule.subscribers(jurisdictions: jurisdictions)
            + FinanceModule.subscribers()
        for subscriber in subscribers where !bus.subscriberNames(for: subscriber.eventType).contains(subscriber.name) {
            bus.subscribe(subscriber)
        }
    }

    /// The jobs `serve` runs: Clinical's (documenting sessions whose end time has passed,
    /// finalizing quality-measure periods that have ended), financial counseling's daily reminders,
    /// and the other cores'.
    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] {
        ClinicalModule.periodicJobs(database: database, bus: bus) + PracticeManagementModule.periodicJobs(database: database, bus: bus)
            + FinanceModule.periodicJobs(database: database, bus: bus)
    }
}
