import Platform
import PlatformTesting
import PracticeManagement

/// The fee schedule used by the engine and parity tests.
let testFeeSchedule = FeeSchedule(
    mappings: [
        ServiceCodeMapping(serviceType: "individual_counseling", procedureCode: "H0004", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "group_counseling", procedureCode: "H0005", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "family_counseling", procedureCode: "H0004", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "peer_support", procedureCode: "H0038", period: EffectivePeriod(from: day("2024-01-01"))),
        ServiceCodeMapping(serviceType: "case_management", procedureCode: "T1016", period: EffectivePeriod(from: day("2024-01-01"))),
    ],
    fees: [
        FeeScheduleEntry(procedureCode: "H0004", unitRateCents: 2_918, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "H0005", unitRateCents: 1_102, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "H0038", unitRateCents: 1_650, period: EffectivePeriod(from: day("2024-01-01"))),
        FeeScheduleEntry(procedureCode: "T1016", unitRateCents: 2_010, period: EffectivePeriod(from: day("2024-01-01"))),
    ]
)
