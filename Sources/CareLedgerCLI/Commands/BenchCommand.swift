import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Benchmarks that print figures.",
                                                    subcommands: [EventsBenchmark.self, RulesBenchmark.self])
}
