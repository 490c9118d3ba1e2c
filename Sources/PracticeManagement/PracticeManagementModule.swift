import Foundation
public import Platform

/// The Practice Management core's entry point: its migrations (and, as they arrive, its
/// services and event subscribers).
public enum PracticeManagementModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }

    /// The core's event subscribers the composition registers on the bus (besides the group charge
    /// build, wired with its own name): financial counseling's routing of cost estimates.
    public static func subscribers(resolver: JurisdictionResolver) -> [EventSubscriber] {
        [CostEstimateRouting(resolver: resolver).subscriber()]
    }
}
