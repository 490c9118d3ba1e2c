import ArgumentParser
import CareLedgerApp
import Foundation
import Platform
import PostgresNIO

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Mint an API token and print it once.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom).") var organization: String
        @Option(help: "A name that says what the token is for.") var name: String
        @Option(name: .customLong("scope"), help: "A permission key the token carries; repeat for more.") var scopes: [String] = []
        @Option(help: "Days until it expires (1-366).") var days: Int = 90

        func validate() throws {
            guard !scopes.isEmpty else { throw ValidationError("Give at least one --scope, e.g. --scope clinical.group-session.read") }
            guard (1...366).contains(days) else { throw ValidationError("--days must be from 1 to 366.") }
        }

        func run() async throws {
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let organizationID = try await runtime.organizationID(slug: organization)
                let minted = try await runtime.withOwner { connection in
                    try await ApiTokens.create(organizationID: organizationID, name: name, scopes: scopes.map(PermissionKey.init(rawValue:)),
                                                      userID: nil, lifetime: .seconds(days * 86_400), on: connection, logger: logger)
                }
                print(minted.secret)
                FileHandle.standardError.write(Data("Token \(minted.id) expires \(minted.expiresAt). It is shown only now; store it safely.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an organization's API tokens (never their secrets).")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom).") var organization: String

        func run() async throws {
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let organizationID = try await runtime.organizationID(slug: organization)
                let tokens = try await runtime.withOwner { connection in
                    try await ApiTokens.list(organizationID: organizationID, on: connection, logger: logger)
                }
                print("id\tstatus\texpires_at\tname\tscopes")
                let iso = ISO8601DateFormatter()
                for token in tokens {
                    print("\(token.id.uuidString.lowercased())\t\(token.status)\t\(iso.string(from: token.expiresAt))\t\(token.name)\t\(token.scopes.joined(separator: ","))")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke",
                                                        abstract: "Revoke an API token; running servers stop accepting it within their token cache's few seconds.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom).") var organization: String
        @Argument(help: "The token's id (from `token list`).") var id: String

        func validate() throws {
            guard UUID(uuidString: id) != nil else { throw ValidationError("The token id is a UUID, as `careledger token list` prints it.") }
        }

        func run() async throws {
            let logger = makeLogger(level: .warning)
            let tokenID = UUID(uuidString: id)!
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let organizationID = try await runtime.organizationID(slug: organization)
                // In the organization's tenant transaction, as the system, so the revocation is audited like the API's.
                let token = try await runtime.withApplication { database in
                    try await database.withTenant(organizationID) { tx in
                        try await ApiTokens.revoke(tokenID, by: nil, in: tx)
                    }
                }
                print("Revoked token \(token.id.uuidString.lowercased()) (\(token.name)).")
            }
        }
    }
}
