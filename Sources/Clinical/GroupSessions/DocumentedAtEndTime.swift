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
    /// once-guard in `publish` lets one of them publish each session. An organization whose
    /// transaction fails is logged (ids only) and left for the next run; the others go on.
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
            var failed = 0
            for (organization, sessions) in byOrganization {
                do {
                    published += try await database.withTenant(organization) { tx in
                        try await GroupSessionDocumentation.publish(sessionIDs: sessions, trigger: .endTime, by: nil, bus: bus, in: tx).count
                    }
                } catch {
                    failed += sessions.count
                    database.logger.error("documenting due group sessions failed; retried next run", metadata: [
                        "organization_id": "\(organization)", "sessions": "\(sessions.count)", "error_type": "\(type(of: error))"])
                }
            }
            // A failed organization's sessions stay due and come back first: stop rather than spin.
            if due.count < batchSize || failed > 0 { return published }
        }
    }
}
