import ArgumentParser
import CareLedgerApp
import Foundation
import Platform
import PracticeManagement
import PostgresNIO

struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "Work with claims.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write claims as one ANSI X12 837P file under the organization's next interchange control number.",
            discussion: "Each claim is scrubbed again first; a claim with a blocking finding stops the export and nothing is marked exported.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom); may be left out when there is only one.") var organization: String?
        @Option(name: .customLong("claim"), help: "A claim id to export; repeat for more.") var claims: [String] = []
        @Flag(name: .customLong("all-open"), help: "Export every claim not exported yet.") var allOpen = false
        @Option(help: "Where to write the file.") var output: String

        func validate() throws {
            guard allOpen || !claims.isEmpty else { throw ValidationError("Name claims with --claim ID, or pass --all-open.") }
            for claim in claims where UUID(uuidString: claim) == nil { throw ValidationError("\(claim) is not a claim id (a UUID).") }
        }

        func run() async throws {
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let org = try await runtime.organizationID(slug: organization)
                let named = claims.compactMap(UUID.init(uuidString:))
                let includeOpen = allOpen
                let interchange = try await runtime.withApplication { db in
                    let operator_ = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
                    let jurisdictions = JurisdictionResolver(logger: logger)
                    return try await db.withTenant(org) { tx -> ClaimInterchange? in
                        var ids = named
                        if includeOpen { ids += try await Claims.openClaimIDs(in: tx).filter { !named.contains($0) } }
                        guard !ids.isEmpty else { return nil }
                        return try await ClaimEDIExport.export(claimIDs: ids, jurisdictions: jurisdictions, by: operator_, in: tx)
                    }
                }
                guard let interchange else {
                    print("No open claims to export; nothing written.")
                    return
                }
                // Written after the commit: a file on disk always matches a recorded interchange.
                do {
                    try Data(interchange.content.utf8).write(to: URL(fileURLWithPath: output))
                } catch {
                    throw CommandFailure("Exported interchange \(interchange.controlNumber) but could not write \(output): \(error.localizedDescription). "
                                         + "Its text is stored; export the same claims again to rewrite it.")
                }
                print("Wrote \(interchange.claimIDs.count) claim\(interchange.claimIDs.count == 1 ? "" : "s") to \(output) (interchange \(interchange.controlNumber)).")
            }
        }
    }
}

extension DatabaseRuntime {
    /// The named organization, or the only one when none is named.
    func organizationID(slug: String?) async throws -> UUID {
        if let slug { return try await organizationID(slug: slug) }
        let ids = try await withOwner { connection in
            try await connection.query("SELECT id FROM pf_organizations ORDER BY slug LIMIT 2", logger: Logger(label: "careledger"))
                .decode(UUID.self).reduce(into: [UUID]()) { $0.append($1) }
        }
        guard ids.count == 1 else {
            throw CommandFailure(ids.isEmpty ? "There is no organization yet." : "Several organizations exist; name one with --organization SLUG.")
        }
        return ids[0]
    }
}
