import Foundation
public import Platform

/// The Clinical core's entry point: its migrations.
public enum ClinicalModule {
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else { return [] }
        return try Migration.load(from: directory)
    }
}
