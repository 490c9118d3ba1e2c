public import Foundation
import Logging
import PostgresNIO
public import Platform

/// The periodic job that documents sessions once their actual end time has passed, so charges
/// are built without anyone pressing finalize.
public enum DocumentedAtEndTime {
    public static func job(database: Database, bus: EventBus, period: Duration = .seconds(60), batchSize: Int = 500) -> PeriodicJob {
        PeriodicJob(name: "clinical.group-sessions.documented-at-end-time", period: period) { _ in
            _ = try await run(now: Date(), database: database, bus: bus, batchSize: batchSize)
        }
    }

    /// Publishes the event for every due session (in batches, one transaction per organization
    /// per batch) and returns how many it published. Safe to run from several processes: the
    /// once-guard in `publish` lets one of them publish each session.
    public static func run(now: Date, database: Database, bus: EventBus, batchSize: Int = 500) async throws -> Int {
        var published = 0
        while true {
            let due = try await database.withoutTenant { connection in
                var found: [(UUID, UUID)] = []
                for try await pair in try await connection.query("SELECT organization_id, session_id FROM pf_group_sessions_due(\(now), \(batchSize)::int)",
                                                                 logger: database.logger).decode((UUID, UUID).self) {
                    found.append(pair)
                }
                return found
            }
            var byOrganization: [UUID: [UUID]] = [:]
            for (organization, session) in due { byOrganization[organization, default: []].append(session) }
            for (organization, sessions) in byOrganization {
                published += try await database.withTenant(organization) { tx in
                    try await GroupSessionDocumentation.publish(sessionIDs: sessions, trigger: .endTime, by: nil, bus: bus, in: tx).count
                }
            }
            if due.count < batchSize { return published }
        }
    }
}
