import PostgresNIO
import Foundation

/// The platform's own migrations (tenancy, identity, audit, events, jobs).
public enum PlatformMigrations {
    public static func all() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "SQL", withExtension: nil) else {
            throw MigrationError.badFileName("Platform SQL resource folder is missing from the build")
        }
        return try Migration.load(from: directory)
    }
}
