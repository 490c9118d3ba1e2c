import ArgumentParser
import Foundation
import Logging
import Platform
import PracticeManagement
import PostgresNIO

/// `careledger bench rules`: evaluates encounters through the charge rules the way the request
/// path does after warm-up: the cached profile resolution, timed units, modifiers and pricing.
/// The profile is stored and resolved through the real database once; every evaluation then
/// takes the resolver's cache hit. Runs on one core.
struct RulesBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Charge-rule evaluations per second on one core.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Evaluations per round.") var count: Int = 1_000_000
    @Option(help: "Timed rounds (the median is reported).") var rounds: Int = 5

    func validate() throws {
        guard count >= 1_000 else { throw ValidationError("--count must be at least 1000.") }
        guard (1...50).contains(rounds) else { throw ValidationError("--rounds must be from 1 to 50.") }
    }

    func run() async throws {
        MallocTrace.reexecutePreloaded()
        let logger = makeLogger(level: .warning)
        let count = self.count, rounds = self.rounds
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_rules", logger: logger)
            let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
            try await client.whileRunning { client in
                let database = Database(client: client, logger: logger)
                let org = try await Organizations.create(name: "Rules bench", slug: "rules-bench-\(UUID.random().uuidString.prefix(8).lowercased())",
                                                         database: database)
                let resolver = JurisdictionResolver(logger: logger)
                let resolved = try await database.withTenant(org) { tx in
                    try await JurisdictionProfileStore.save(DemoBilling.california, siteID: nil,
                                                            by: Principal(organizationID: org, userID: nil, credential: .system, permissions: []), in: tx)
                    return await resolver.resolve(siteID: nil, in: tx)
                }
                let engine = BillingRulesEngine(jurisdiction: resolved, feeSchedule: Self.feeSchedule())
                let encounters = Self.encounters()
                print("Evaluating \(count) encounters per round, \(rounds) rounds, one core (profile: \(resolved.displayName), cached).")
                _ = Self.evaluate(engine: engine, resolver: resolver, organization: org, encounters: encounters, count: count / 4)  // warm-up
                // Counted apart from the timed rounds, after a check that the tracer sees what it should.
                let check = MallocTrace.counting { (0..<10).map { [Int](repeating: $0, count: 100 + $0) }.count }
                let counted = MallocTrace.counting {
                    Self.evaluate(engine: engine, resolver: resolver, organization: org, encounters: encounters, count: Self.countedEvaluations)
                }
                if let allocations = counted.allocations, let seen = check.allocations {
                    print("Heap allocations: \(allocations) over \(Self.countedEvaluations) evaluations "
                          + "(\(String(format: "%.3f", Double(allocations) / Double(Self.countedEvaluations))) per evaluation; target 0). "
                          + "Tracer check: \(seen) allocations seen for \(check.result) arrays and their list.")
                } else {
                    print("Heap allocations: not counted (glibc's tracer \(MallocTrace.library) is not available).")
                }
                var rates: [Double] = []
                var checksum = 0
                for round in 1...rounds {
                    let start = ContinuousClock.now
                    checksum &+= Self.evaluate(engine: engine, resolver: resolver, organization: org, encounters: encounters, count: count)
                    let seconds = (ContinuousClock.now - start).seconds
                    rates.append(Double(count) / seconds)
                    print("  round \(round): \(Int(Double(count) / seconds)) evaluations/s (\(String(format: "%.1f", seconds * 1_000_000_000 / Double(count))) ns each)")
                }
                let median = rates.sorted()[rates.count / 2]
                print("Median: \(Int(median)) evaluations/s on one core (target ≥ 5,000,000). Checksum \(checksum).")
            }
        }
    }

    /// Evaluations run under the allocation counter (every encounter of the table several times).
    static let countedEvaluations = 100_000

    /// One evaluation per encounter, cycling through a varied table; returns a checksum so the
    /// work cannot be optimised away.
    static func evaluate(engine: BillingRulesEngine, resolver: JurisdictionResolver, organization: UUID,
                         encounters: [EncounterCharge], count: Int) -> Int {
        var checksum = 0
        let now = ContinuousClock.now
        let mask = encounters.count - 1
        for index in 0..<count {
            // The probe every charge capture makes (`resolve` on a cache hit), resolution copy included.
            guard resolver.cached(organizationID: organization, siteID: nil, now: now) != nil else { return -1 }
            let evaluation = engine.evaluate(encounters[index & mask])
            checksum &+= (evaluation.units.units ?? 0) &+ (evaluation.amountCents ?? 0) &+ Int(evaluation.modifiers.mask)
        }
        return checksum
    }

    /// The one payer with its own mapping and rate, so half the encounters take the payer-specific path.
    static let payerB = UUID(uuidString: "00000000-0000-4000-8000-00000000000b")!

    static func feeSchedule() -> FeeSchedule {
        let since = EffectivePeriod(from: ServiceDate(year: 2025, month: 1, day: 1)!)
        return FeeSchedule(
            mappings: DemoBilling.mappings.map { ServiceCodeMapping(serviceType: $0.serviceType, procedureCode: $0.code, period: since) }
                + [ServiceCodeMapping(serviceType: "individual_counseling", procedureCode: "H0004", payerID: payerB, period: since)],
            fees: DemoBilling.fees.map { FeeScheduleEntry(procedureCode: $0.code, unitRateCents: $0.cents, period: since) }
                + [FeeScheduleEntry(procedureCode: "H0004", payerID: payerB, unitRateCents: 2_900, period: since)])
    }

    /// 1,024 encounters over every service type, 0–120 minutes, each modality and flag.
    static func encounters() -> [EncounterCharge] {
        let types = DemoBilling.mappings.map(\.serviceType) + ["unmapped_service"]
        let modalities: [TelehealthModality?] = [nil, .audioVideo, .audioOnly, .storeForward]
        let date = ServiceDate(year: 2026, month: 3, day: 2)!
        return (0..<1024).map { i in
            EncounterCharge(serviceType: types[i % types.count], minutes: (i * 7) % 121,
                            facts: EncounterFacts(isGroup: i % 3 == 0, isFamily: i % 5 == 0, patientPresent: i % 10 == 0 ? false : nil,
                                                  telehealth: modalities[i % 4], isCourtOrdered: i % 7 == 0, isFamilySupportPartner: i % 11 == 0),
                            payerID: i % 2 == 0 ? payerB : nil, serviceDate: date)
        }
    }
}
