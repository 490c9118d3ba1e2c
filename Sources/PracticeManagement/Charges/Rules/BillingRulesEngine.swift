public import Platform

/// Evaluates individual-encounter charges against one resolved jurisdiction and fee schedule.
///
/// Build one per resolved profile (the cache holds it for the profile's lifetime): the modifier
/// rules and fee indexes are compiled in `init`, so ``evaluate(_:)`` only does integer arithmetic,
/// bit operations and hash lookups. It builds no strings and no arrays, so after warm-up an
/// evaluation makes no heap allocation (values it returns share storage with the engine).
public struct BillingRulesEngine: Sendable {
    /// The resolution the engine was built from.
    public let jurisdiction: ResolvedJurisdiction
    /// The fee schedule the engine prices with.
    public let feeSchedule: FeeSchedule
    /// The compiled modifier rules.
    public let modifierRules: CompiledModifierRules
    private let minimumBillableMinutes: Int
    private let unitMinutes: Int
    private let fallbackFields: FallbackFieldMask

    /// Compiles the rules once.
    public init(jurisdiction: ResolvedJurisdiction, feeSchedule: FeeSchedule) {
        self.jurisdiction = jurisdiction
        self.feeSchedule = feeSchedule
        modifierRules = CompiledModifierRules(jurisdiction.billing)
        minimumBillableMinutes = jurisdiction.billing.minBillableMinutes
        unitMinutes = jurisdiction.billing.timedCodeUnitMinutes
        fallbackFields = FallbackFieldMask(jurisdiction.fallbacks)
    }

    /// Evaluates one encounter: procedure code, units, modifiers and amount (units × unit rate).
    public func evaluate(_ encounter: EncounterCharge) -> ChargeEvaluation {
        let code = feeSchedule.resolveProcedureCode(for: encounter.serviceType, payer: encounter.payerID, on: encounter.serviceDate)
        let units = computeTimedUnits(
            minutes: encounter.minutes,
            minimumBillableMinutes: minimumBillableMinutes,
            unitMinutes: unitMinutes
        )
        let pricing: ChargePricing
        if case .code(let procedureCode) = code {
            if case .billable(let count) = units {
                if let rate = feeSchedule.unitRate(procedureCode: procedureCode, payer: encounter.payerID, on: encounter.serviceDate) {
                    let (amount, overflow) = count.multipliedReportingOverflow(by: rate)
                    pricing = overflow ? .notPriced(.amountOverflow) : .priced(unitRateCents: rate, amountCents: amount)
                } else {
                    pricing = .notPriced(.noFeeScheduleEntry)
                }
            } else {
                pricing = .notPriced(.notBillable)
            }
        } else {
            pricing = .notPriced(.noProcedureCode)
        }
        return ChargeEvaluation(
            procedureCode: code,
            units: units,
            modifiers: modifierRules.select(for: encounter.facts),
            pricing: pricing,
            source: jurisdiction.source,
            fallbackFields: fallbackFields
        )
    }
}
