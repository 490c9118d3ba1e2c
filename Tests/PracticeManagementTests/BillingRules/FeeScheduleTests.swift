import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Two payers of the seed's examples, by id as the fee schedule knows them.
private let mercy = UUID(uuidString: "00000000-0000-4000-8000-00000000a001")!
private let banner = UUID(uuidString: "00000000-0000-4000-8000-00000000a002")!
/// A payer with no entries of its own.
private let other = UUID(uuidString: "00000000-0000-4000-8000-00000000a003")!

@Suite("Fee schedule lookups")
struct FeeScheduleTests {
    static let schedule = FeeSchedule(
        mappings: [
            ServiceCodeMapping(serviceType: "individual", procedureCode: "90832",
                               period: EffectivePeriod(from: day("2024-01-01"), to: day("2025-06-30"))),
            ServiceCodeMapping(serviceType: "individual", procedureCode: "90834",
                               period: EffectivePeriod(from: day("2025-07-01"))),
            ServiceCodeMapping(serviceType: "individual", procedureCode: "H0004", payerID: mercy,
                               period: EffectivePeriod(from: day("2024-06-01"))),
            ServiceCodeMapping(serviceType: "individual", procedureCode: "H2014", payerID: banner,
                               period: EffectivePeriod(from: day("2024-01-01"), to: day("2024-12-31"))),
            ServiceCodeMapping(serviceType: "group", procedureCode: "H0005", payerID: mercy,
                               period: EffectivePeriod(from: day("2024-01-01"))),
            // Two entries with the same start: the earlier-listed one wins.
            ServiceCodeMapping(serviceType: "intake", procedureCode: "90791", period: EffectivePeriod(from: day("2024-01-01"))),
            ServiceCodeMapping(serviceType: "intake", procedureCode: "90792", period: EffectivePeriod(from: day("2024-01-01"))),
        ],
        fees: [
            FeeScheduleEntry(procedureCode: "H0004", unitRateCents: 2_500, period: EffectivePeriod(from: day("2024-01-01"))),
            FeeScheduleEntry(procedureCode: "H0004", unitRateCents: 2_700, period: EffectivePeriod(from: day("2025-01-01"))),
            FeeScheduleEntry(procedureCode: "H0004", payerID: mercy, unitRateCents: 3_100,
                             period: EffectivePeriod(from: day("2024-01-01"), to: day("2024-12-31"))),
            FeeScheduleEntry(procedureCode: "H0005", payerID: mercy, unitRateCents: 1_000,
                             period: EffectivePeriod(from: day("2025-03-01"))),
        ]
    )

    static let codeRows: [(service: String, payer: UUID?, date: String, expected: ProcedureCodeResolution)] = [
        ("individual", nil, "2024-03-01", .code("90832")), // org-wide, first period
        ("individual", nil, "2025-06-30", .code("90832")), // end date is inclusive
        ("individual", nil, "2025-07-01", .code("90834")), // later start wins from its first day
        ("individual", nil, "2023-12-31", .noMappingOnDate), // before any mapping
        ("individual", mercy, "2024-06-01", .code("H0004")), // payer-specific beats org-wide
        ("individual", mercy, "2026-01-01", .code("H0004")), // even against a later org-wide start
        ("individual", mercy, "2024-05-31", .code("90832")), // payer entry not yet in force: org-wide
        ("individual", banner, "2024-12-31", .code("H2014")),
        ("individual", banner, "2025-01-01", .code("90832")), // payer entry expired: org-wide
        ("individual", other, "2025-08-01", .code("90834")), // a payer without entries: org-wide
        ("group", mercy, "2024-02-01", .code("H0005")),
        ("group", nil, "2024-02-01", .unmappedServiceType), // only a payer-specific mapping exists
        ("group", banner, "2024-02-01", .unmappedServiceType),
        ("intake", nil, "2024-02-01", .code("90791")), // tie on start: earlier-listed wins
        ("unknown", nil, "2024-02-01", .unmappedServiceType),
    ]

    @Test("procedure code: payer-specific vs org-wide vs effective dates", arguments: codeRows)
    func procedureCode(row: (service: String, payer: UUID?, date: String, expected: ProcedureCodeResolution)) {
        let schedule = Self.schedule
        #expect(schedule.resolveProcedureCode(for: row.service, payer: row.payer, on: day(row.date)) == row.expected)
        #expect(schedule.procedureCode(for: row.service, payer: row.payer, on: day(row.date)) == row.expected.code)
    }

    static let rateRows: [(code: String, payer: UUID?, date: String, cents: Int?)] = [
        ("H0004", nil, "2024-06-01", 2_500),
        ("H0004", nil, "2025-01-01", 2_700), // latest start wins
        ("H0004", mercy, "2024-06-01", 3_100), // payer-specific wins
        ("H0004", mercy, "2025-02-01", 2_700), // payer rate ended: org-wide
        ("H0004", banner, "2024-06-01", 2_500),
        ("H0004", nil, "2023-06-01", nil),
        ("H0005", mercy, "2025-02-28", nil), // not yet in force, no org-wide
        ("H0005", mercy, "2025-03-01", 1_000),
        ("H0005", nil, "2025-03-01", nil),
        ("T1016", nil, "2025-03-01", nil),
    ]

    @Test("unit rate: payer-specific vs org-wide vs effective dates", arguments: rateRows)
    func unitRate(row: (code: String, payer: UUID?, date: String, cents: Int?)) {
        #expect(Self.schedule.unitRate(procedureCode: row.code, payer: row.payer, on: day(row.date)) == row.cents)
    }

    @Test("an empty schedule finds nothing")
    func empty() {
        let schedule = FeeSchedule()
        #expect(schedule.resolveProcedureCode(for: "individual", payer: nil, on: day("2025-01-01")) == .unmappedServiceType)
        #expect(schedule.unitRate(procedureCode: "H0004", payer: mercy, on: day("2025-01-01")) == nil)
    }

    /// The index hashes a name's length and end bytes only, so these names share a hash; each must
    /// still find its own code, and a name of the same shape that is not mapped must find none.
    @Test("names that agree in length, first and last bytes are told apart", arguments: [
        ("individual_counseling", "H0004"), ("individual-counseling", "H0005"), ("individualXcounseling", "H2017"),
        ("ab", "90832"), ("ba", "90834"), ("", "90791"),
    ])
    func sameShapeNames(row: (serviceType: String, code: String)) {
        let since = EffectivePeriod(from: day("2024-01-01"))
        let schedule = FeeSchedule(mappings: [
            ServiceCodeMapping(serviceType: "individual_counseling", procedureCode: "H0004", period: since),
            ServiceCodeMapping(serviceType: "individual-counseling", procedureCode: "H0005", period: since),
            ServiceCodeMapping(serviceType: "individualXcounseling", procedureCode: "H2017", period: since),
            ServiceCodeMapping(serviceType: "ab", procedureCode: "90832", period: since),
            ServiceCodeMapping(serviceType: "ba", procedureCode: "90834", period: since),
            ServiceCodeMapping(serviceType: "", procedureCode: "90791", period: since),
        ])
        #expect(schedule.procedureCode(for: row.serviceType, payer: nil, on: day("2025-01-01")) == row.code)
        #expect(schedule.procedureCode(for: "individualYcounseling", payer: nil, on: day("2025-01-01")) == nil)
    }
}

@Suite("Effective periods")
struct EffectivePeriodTests {
    @Test("periods include both ends")
    func periods() {
        let period = EffectivePeriod(from: day("2025-01-01"), to: day("2025-01-31"))
        #expect(!period.contains(day("2024-12-31")))
        #expect(period.contains(day("2025-01-01")))
        #expect(period.contains(day("2025-01-31")))
        #expect(!period.contains(day("2025-02-01")))
        #expect(EffectivePeriod(from: day("2025-01-01")).contains(day("2099-12-31")))
    }
}
