/// The platform's entry point, as the cores have theirs: its migrations (tenancy, identity, audit,
/// events, jobs, jurisdiction profiles and the integration reads).
public enum PlatformModule {
    public static func migrations() throws -> [Migration] { try PlatformMigrations.all() }
}
