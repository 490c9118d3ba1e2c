public import Foundation
public import Logging
public import PostgresNIO
import NIOCore
import NIOPosix

/// The application's connection to PostgreSQL. Every unit of work runs in a transaction
/// that names its organization, so row-level security confines it to that tenant even
/// when a query forgets its `WHERE organization_id`.
public final class Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// How long a request waits for a connection before it is answered 503.
    public let connectionWait: Duration

    /// Whether the database is known to be down, shared by every request through this value.
    let availability = LockedValue(DatabaseAvailability())

    public init(client: PostgresClient, logger: Logger, connectionWait: Duration = .seconds(5)) {
        self.client = client
        self.logger = logger
        self.connectionWait = connectionWait
    }

    /// True while failures say the database is down (requests are refused without waiting).
    public var isKnownDown: Bool { availability.get().isKnownDown }

    /// Runs `body` in one transaction scoped to `organizationID`; commits when it returns,
    /// rolls back when it throws (the thrown error keeps its type).
    @discardableResult
    public func withTenant<T: Sendable>(
        _ organizationID: UUID,
        correlationID: UUID = UUID.random(),
        _ body: @escaping @Sendable (TenantTransaction) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            let notifications = CommitNotifications()
            let value = try await Self.inTransaction(connection, logger: self.logger) {
                for try await _ in try await connection.execute(TenantSettings(organizationID: organizationID, correlationID: correlationID),
                                                                logger: self.logger) {}
                return try await body(TenantTransaction(connection: connection, organizationID: organizationID,
                                                        correlationID: correlationID, logger: self.logger, notifications: notifications))
            }
            await notifications.send(on: connection, logger: self.logger)
            return value
        }
    }

    /// Runs one prepared statement as a transaction of its own: PostgreSQL commits it when the
    /// statement ends (or rolls it back when it fails), in one round trip where `withTenant`
    /// needs four around the work. Nothing here names a tenant, so row-level security shows
    /// no tenant rows unless the statement calls a function that enters its tenant first
    /// (`pf_enter_tenant`); use it only for such functions, on the paths where a round trip
    /// matters. Errors translate as a tenant transaction's do.
    public func executeAlone<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] where Statement.Row: Sendable {
        try await withConnection { connection in
            do {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: self.logger) { rows.append(row) }
                return rows
            } catch let error as PSQLError {
                throw TenantTransaction.translate(error)
            }
        }
    }

    /// Runs `body` in a transaction with no tenant set: row-level security then shows no
    /// tenant rows, so only platform-wide tables and `SECURITY DEFINER` functions answer.
    @discardableResult
    public func withoutTenant<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await Self.inTransaction(connection, logger: self.logger) { try await body(connection) }
        }
    }

    /// Leases a connection, failing with 503 when none comes within `connectionWait`
    /// (a database that is down must not hang requests), and at once while the database is
    /// known to be down (`DatabaseAvailability`).
    @discardableResult
    public func withConnection<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) async throws -> T) async throws -> T {
        guard availability.withValue({ $0.admit(at: .now) }) != .refuse else { throw DomainError.databaseUnavailable }
        do {
            let value = try await leaseConnection(body)
            availability.withValue { $0.succeeded() }
            return value
        } catch let error as DomainError where error == .databaseUnavailable {
            availability.withValue { $0.failed(at: .now) }
            throw error
        } catch {
            // The body's own refusal: the database answered, so it is up.
            availability.withValue { $0.succeeded() }
            throw error
        }
    }

    private func leaseConnection<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LockedValue(false)
        let wait = connectionWait
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await self.client.withConnection { connection in
                        leased.set(true)
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Self.sleepOnEventLoop(for: wait)
                    if !leased.get() { throw DomainError.databaseUnavailable }
                    return nil
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                }
                throw DomainError.databaseUnavailable
            }
        } catch let error as PSQLError where Self.isConnectivity(error) {
            logger.warning("database unreachable", metadata: ["psql_code": .string("\(error.code)")])
            throw DomainError.databaseUnavailable
        } catch where String(describing: type(of: error)) == "ConnectionPoolError" {
            throw DomainError.databaseUnavailable
        }
    }

    /// Every lease arms this deadline and almost every lease cancels it, so it is a timer on an
    /// event loop, not `Task.sleep`: under `bench attendance`, Dispatch's timers (this one and the
    /// pool's) and the manager thread that runs them took about a tenth of the process's CPU.
    static func sleepOnEventLoop(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let timer = MultiThreadedEventLoopGroup.singleton.any()
            .scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) {}
        try await withTaskCancellationHandler {
            try await timer.futureResult.get()
        } onCancel: {
            timer.cancel()
        }
    }

    /// True for failures of the connection itself, as opposed to an error a statement raised.
    static func isConnectivity(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
            return ["57P01", "57P02", "57P03"].contains(error.serverInfo?[.sqlState] ?? "")
        default:
            return false
        }
    }

    /// BEGIN … COMMIT on one connection, unwrapping nothing: the body's error is rethrown as is.
    static func inTransaction<T>(_ connection: PostgresConnection, logger: Logger, _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body()
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

/// Names the transaction's organization (read by every row-level security policy) and its
/// correlation id (`pf_enter_tenant`). Prepared: it runs at the start of every unit of work.
struct TenantSettings: PostgresPreparedStatement {
    static let sql = "SELECT pf_enter_tenant($1, $2)"
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid]
    typealias Row = ()

    let organizationID: UUID
    let correlationID: UUID

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(organizationID)
        bindings.append(correlationID)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}

/// One tenant-scoped transaction: the connection, the organization and the request's correlation id.
public struct TenantTransaction: Sendable {
    public let connection: PostgresConnection
    public let organizationID: UUID
    public let correlationID: UUID
    public let logger: Logger
    /// What to wake once this transaction commits (`notifyAfterCommit`).
    let notifications: CommitNotifications

    /// Sends `pg_notify(channel)` once the transaction has committed, and never if it rolls back;
    /// asked twice, it notifies once.
    public func notifyAfterCommit(_ channel: String) {
        notifications.add(channel)
    }

    /// Runs a statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(query, logger: logger)
        } catch let error as PSQLError {
            throw Self.translate(error)
        }
    }

    /// Runs a statement and collects its rows.
    public func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var collected: [PostgresRow] = []
        for try await row in try await self.query(query) { collected.append(row) }
        return collected
    }

    /// Turns the database's integrity errors into domain errors; other errors pass through.
    /// Messages speak the API's words: the field a constraint guards, never the constraint's name.
    static func translate(_ error: PSQLError) -> any Error {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return error }
        let field = ConstraintField.name(constraint: error.serverInfo?[.constraintName], table: error.serverInfo?[.tableName],
                                         column: error.serverInfo?[.columnName])
        switch state {
        case "23505":
            return DomainError(.conflict, code: "DUPLICATE", message: "A record with the same \(field ?? "values") already exists.", field: field)
        case "23503":
            return DomainError(.unprocessable, code: "REFERENCE_NOT_FOUND",
                               message: "\(field ?? "A referenced record") names no record in this organization.", field: field)
        case "23514", "23502", "22001", "22003":
            return DomainError(.unprocessable, code: "VALIDATION_FAILED",
                               message: field.map { "The value of \($0) is not allowed." } ?? "A value is not allowed.", field: field)
        case "22P02", "22007", "22008":
            return DomainError(.unprocessable, code: "VALIDATION_FAILED", message: "A value is not in the form it needs.", field: field)
        case "22021":
            return DomainError(.unprocessable, code: "CONTROL_CHARACTER", message: "A value holds a NUL character.", field: field)
        case "42501":
            // Row-level security refusing a write: the row belongs to no tenant this request may see.
            return DomainError.notFound("record")
        default:
            return error
        }
    }
}
