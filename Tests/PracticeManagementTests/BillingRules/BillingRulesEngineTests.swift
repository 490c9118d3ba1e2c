import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Charge evaluation end to end")
struct BillingRulesEngineTests {
    @Test("California site: code, units, 93 modifier, amount and provenance")
    func californiaTelehealth() {
        let resolved = resolveJurisdictionProfile(
            siteProfile: SiteJurisdictionProfile(siteID: "sac-1", profile: californiaProfile),
            organizationProfile: arizonaProfile
        )
        let engine = BillingRulesEngine(jurisdiction: resolved, feeSchedule: testFeeSchedule)
        let evaluation = engine.evaluate(EncounterCharge(
            serviceType: "individual_counseling",
            minutes: 53,
            facts: EncounterFacts(telehealth: .audioOnly, isCourtOrdered: true),
            payerID: UUID(),
            serviceDate: day("2026-03-02")
        ))
        #expect(evaluation.procedureCode == .code("H0004"))
        #expect(evaluation.units == .billable(units: 4))
        #expect(evaluation.modifiers.codes == ["93"]) // California defines no court-ordered modifier
        #expect(evaluation.pricing == .priced(unitRateCents: 2_918, amountCents: 11_672))
        #expect(evaluation.amountCents == 11_672)
        #expect(evaluation.source == .site(id: "sac-1"))
        #expect(evaluation.fallbacks == Set(FallbackField.allCases).subtracting([.displayName, .minBillableMinutes, .timedCodeUnitMinutes, .modifierConventions]))
    }

    @Test("no profile: AHCCCS rules, source recorded as defaults")
    func defaults() {
        let engine = BillingRulesEngine(jurisdiction: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil), feeSchedule: testFeeSchedule)
        let evaluation = engine.evaluate(EncounterCharge(
            serviceType: "group_counseling", minutes: 60,
            facts: EncounterFacts(isGroup: true, autoApplyUB: true),
            serviceDate: day("2026-03-02")
        ))
        #expect(evaluation.procedureCode.code == "H0005")
        #expect(evaluation.units.units == 4)
        #expect(evaluation.modifiers.codes == ["HQ", "UB"])
        #expect(evaluation.amountCents == 4_408)
        #expect(evaluation.source == .defaults)
        #expect(evaluation.fallbacks.contains(.modifierConventions))
    }

    @Test("reasons when a charge cannot be priced", arguments: [
        ("individual_counseling", 7, "2026-01-01", ProcedureCodeResolution.code("H0004"), NotPricedReason.notBillable),
        ("unknown_service", 30, "2026-01-01", .unmappedServiceType, .noProcedureCode),
        ("individual_counseling", 30, "2023-01-01", .noMappingOnDate, .noProcedureCode),
    ])
    func notPriced(service: String, minutes: Int, date: String, code: ProcedureCodeResolution, reason: NotPricedReason) {
        let engine = BillingRulesEngine(jurisdiction: .ahcccsDefaults, feeSchedule: testFeeSchedule)
        let evaluation = engine.evaluate(EncounterCharge(serviceType: service, minutes: minutes, serviceDate: day(date)))
        #expect(evaluation.procedureCode == code)
        #expect(evaluation.pricing == .notPriced(reason))
        #expect(evaluation.amountCents == nil)
    }

    @Test("a mapped code without a rate is reported as such")
    func noFee() {
        let schedule = FeeSchedule(
            mappings: [ServiceCodeMapping(serviceType: "intake", procedureCode: "90791", period: EffectivePeriod(from: day("2024-01-01")))]
        )
        let engine = BillingRulesEngine(jurisdiction: .ahcccsDefaults, feeSchedule: schedule)
        let evaluation = engine.evaluate(EncounterCharge(serviceType: "intake", minutes: 60, serviceDate: day("2025-01-01")))
        #expect(evaluation.units == .billable(units: 4))
        #expect(evaluation.pricing == .notPriced(.noFeeScheduleEntry))
    }

    @Test("units × rate overflow is reported, not trapped")
    func overflow() {
        let schedule = FeeSchedule(
            mappings: [ServiceCodeMapping(serviceType: "x", procedureCode: "X0001", period: EffectivePeriod(from: day("2024-01-01")))],
            fees: [FeeScheduleEntry(procedureCode: "X0001", unitRateCents: .max, period: EffectivePeriod(from: day("2024-01-01")))]
        )
        let engine = BillingRulesEngine(jurisdiction: .ahcccsDefaults, feeSchedule: schedule)
        #expect(engine.evaluate(EncounterCharge(serviceType: "x", minutes: 30, serviceDate: day("2025-01-01"))).pricing == .notPriced(.amountOverflow))
    }

    @Test("profile units drive the amount: 16/30 rules")
    func profileUnits() {
        let profile = JurisdictionProfile(billing: BillingRulesConfig(minBillableMinutes: 16, timedCodeUnitMinutes: 30))
        let engine = BillingRulesEngine(
            jurisdiction: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile),
            feeSchedule: testFeeSchedule
        )
        let charge = { (minutes: Int) in
            engine.evaluate(EncounterCharge(serviceType: "case_management", minutes: minutes, serviceDate: day("2025-05-05")))
        }
        #expect(charge(15).pricing == .notPriced(.notBillable))
        #expect(charge(45).amountCents == 2_010)
        #expect(charge(46).amountCents == 4_020)
        #expect(charge(46).modifiers.isEmpty)
    }
}
