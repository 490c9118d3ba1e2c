import Foundation
public import PostgresNIO

/// Where the database is and who connects to it: the owner (migrations) and the
/// application role (everything else, subject to row-level security).
public struct DatabaseSettings: Sendable {
    /// The login role every request and background task connects as; it owns nothing.
    public static let applicationRole = "careledger_app"
    /// The role that owns the schema and runs migrations.
    public static let ownerRole = "careledger_owner"
    public static let defaultDatabase = "careledger"

    public var owner: PostgresClient.Configuration
    public var application: PostgresClient.Configuration
    /// For the embedded cluster: the superuser connection that bootstraps roles and the database.
    public var bootstrap: PostgresClient.Configuration?
    public var databaseName: String

    public init(owner: PostgresClient.Configuration, application: PostgresClient.Configuration,
                bootstrap: PostgresClient.Configuration?, databaseName: String) {
        self.owner = owner
        self.application = application
        self.bootstrap = bootstrap
        self.databaseName = databaseName
    }

    /// Settings for a cluster reached through its Unix socket with local trust authentication.
    public static func embedded(socketPath: String, database: String = defaultDatabase) -> DatabaseSettings {
        DatabaseSettings(
            owner: .init(unixSocketPath: socketPath, username: ownerRole, password: nil, database: database),
            application: .init(unixSocketPath: socketPath, username: applicationRole, password: nil, database: database),
            bootstrap: .init(unixSocketPath: socketPath, username: LocalPostgres.bootstrapUser, password: nil, database: "postgres"),
            databaseName: database)
    }

    /// Settings from `DATABASE_URL` (the owner connection). The application role connects to the
    /// same server as `careledger_app`, with `CARELEDGER_APP_PASSWORD`, unless
    /// `CARELEDGER_APP_DATABASE_URL` names its connection outright.
    public static func fromURL(_ urlString: String, environment: [String: String]) throws -> DatabaseSettings {
        let owner = try parse(urlString, variable: "DATABASE_URL")
        var application: PostgresClient.Configuration
        if let appURL = environment["CARELEDGER_APP_DATABASE_URL"] {
            application = try parse(appURL, variable: "CARELEDGER_APP_DATABASE_URL")
        } else {
            application = owner
            application.username = applicationRole
            application.password = environment["CARELEDGER_APP_PASSWORD"]
        }
        return DatabaseSettings(owner: owner, application: application, bootstrap: nil, databaseName: owner.database ?? defaultDatabase)
    }

    static func parse(_ urlString: String, variable: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: urlString),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme),
              let user = components.user, !user.isEmpty
        else {
            throw DatabaseConfigurationError("\(variable) is not a PostgreSQL URL of the form postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            return .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user,
                         password: components.password, database: database.isEmpty ? nil : database)
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseConfigurationError("\(variable) names no host")
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        return .init(host: host, port: components.port ?? 5432, username: user, password: components.password,
                     database: database.isEmpty ? nil : database, tls: tls)
    }
}

/// A configuration that cannot work, said in one sentence.
public struct DatabaseConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
