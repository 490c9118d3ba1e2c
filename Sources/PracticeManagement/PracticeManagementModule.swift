import Foundation
public import Platform

/// The Practice Management core's entry point: its migrations, the subscribers it adds to the
/// bus, and the jobs a server runs for it.
public enum PracticeManagementModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }

    /// Charge capture builds charges from Clinical's documented sessions; financial counseling
    /// routes cost estimates above the clearance threshold to a counselor.
    public static func subscribers(jurisdictions: JurisdictionResolver) -> [EventSubscriber] {
        [GroupChargeBuilder(resolver: jurisdictions).subscriber(), CostEstimateRouting(resolver: jurisdictions).subscriber()]
    }

    /// The daily financial-counseling reminders (charity approvals about to expire, annual income reviews).
    public static func periodicJobs(database: Database, bus: EventBus) -> [PeriodicJob] {
        [FinancialCounselingReminders.job(database: database)]
    }
}
