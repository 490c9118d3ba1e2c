import Foundation
public import Platform

/// The Practice Management core's entry point: its migrations (and, as they arrive, its
/// services and event subscribers).
public enum PracticeManagementModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }
}
