public import Logging
public import Platform

/// The product without its adapters: the database, the event bus with every core's subscribers,
/// and the billing-rules resolver. HTTP and the CLI each build one and call the workflows with it.
public struct CareLedgerServices: Sendable {
    public let database: Database
    public let bus: EventBus
    public let logger: Logger
    /// Effective billing rules per organization and site, cached for five minutes in this process.
    public let jurisdictions: JurisdictionResolver
    /// Each session's group payer as a mark last read it, valid while the organization's payer
    /// version stands (so the room's mark reads coverages only after they change).
    public let groupPayers: GroupPayerCache

    public init(database: Database, bus: EventBus, logger: Logger) {
        self.database = database
        self.bus = bus
        self.logger = logger
        self.jurisdictions = JurisdictionResolver(logger: logger)
        self.groupPayers = GroupPayerCache()
        CorePipelines.subscribe(bus: bus, jurisdictions: jurisdictions)
    }

    /// The jobs a server process runs beside its adapters.
    public var periodicJobs: [PeriodicJob] { CorePipelines.periodicJobs(database: database, bus: bus) }
}
