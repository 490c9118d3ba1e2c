public import Platform
import Clinical
import Finance
import PracticeManagement

/// Every migration of the product, in order: the platform's, then each core's.
public enum CareLedgerSchema {
    /// The same list as `migrations()`; kept for the commands that verify the schema before they run.
    public static func migrationsForCLI() throws -> [Migration] { try migrations() }

    public static func migrations() throws -> [Migration] {
        // Versions are global: Platform's integration functions (09xx) come after the cores'.
        try (PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations()
             + FinanceModule.migrations()).sorted { $0.version < $1.version }
    }
}
