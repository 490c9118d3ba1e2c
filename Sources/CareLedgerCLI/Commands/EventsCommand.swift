import ArgumentParser
import Foundation
import Platform

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Inspect and replay event deliveries.",
                                                    subcommands: [Dead.self, Replay.self])

    struct Dead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dead", abstract: "List dead-lettered deliveries.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                let entries = try await runtime.withOwner { try await DeadLetters.list(on: $0, logger: logger) }
                if entries.isEmpty { print("No dead-lettered deliveries."); return }
                print("EVENT_ID                              TYPE                                 SUBSCRIBER                ATTEMPTS  LAST_ERROR")
                for entry in entries {
                    print("\(entry.eventID.uuidString.lowercased())  \(entry.eventType.padding(toLength: 36, withPad: " ", startingAt: 0)) \(entry.subscriber.padding(toLength: 25, withPad: " ", startingAt: 0)) \(String(entry.attempts).padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry.lastError ?? "")")
                }
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "replay", abstract: "Send a dead-lettered event to its subscribers again.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The event id, as `events dead` lists it.") var eventID: String
        @Option(help: "Only this subscriber's delivery.") var subscriber: String?

        func run() async throws {
            guard let id = UUID(uuidString: eventID) else { throw ValidationError("\(eventID) is not an event id (a UUID).") }
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                let count = try await runtime.withOwner { try await DeadLetters.replay(eventID: id, subscriber: subscriber, on: $0, logger: logger) }
                guard count > 0 else { throw CommandFailure("Event \(eventID) has no dead-lettered delivery\(subscriber.map { " for \($0)" } ?? "").") }
                print("Replayed \(count) deliver\(count == 1 ? "y" : "ies"); a running server delivers them now.")
            }
        }
    }
}
