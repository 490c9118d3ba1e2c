import Logging
import PostgresNIO

/// The NOTIFY channels a tenant transaction asked to wake once it has committed.
///
/// They are sent after COMMIT, each as a statement of its own, rather than inside the
/// transaction: PostgreSQL serializes the commits of every transaction that notifies (a global
/// lock held until its commit record is flushed), so publishers that notify in their own
/// transactions wait for each other's disk flushes one by one. Sent after the commit, a
/// notification holds that lock only for a transaction that writes nothing. If the process dies
/// between the two, the listeners' polling picks the work up.
final class CommitNotifications: Sendable {
    private let channels = LockedValue<[String]>([])

    func add(_ channel: String) {
        channels.withValue { if !$0.contains(channel) { $0.append(channel) } }
    }

    /// Sends what was asked for, once; a failure is logged and left to the listeners' polling.
    func send(on connection: PostgresConnection, logger: Logger) async {
        let pending = channels.withValue { channels in
            defer { channels = [] }
            return channels
        }
        for channel in pending {
            do {
                try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger)
            } catch {
                logger.debug("notification after commit not sent", metadata: ["channel": .string(channel)])
            }
        }
    }
}
