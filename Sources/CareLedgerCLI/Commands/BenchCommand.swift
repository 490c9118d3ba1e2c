import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Benchmarks that print figures.",
                                                    subcommands: [AttendanceBenchmark.self, ChargesBenchmark.self, EventsBenchmark.self, RulesBenchmark.self, IOPPHPBenchmark.self, QualityBenchmark.self, StatementsBenchmark.self, MemoryBenchmark.self, AMMBenchmark.self])
}
