public import Platform

/// Everything the rules decide for one encounter: code, units, modifiers, amount and provenance.
public struct ChargeEvaluation: Sendable, Hashable {
    /// The procedure code, or why there is none.
    public var procedureCode: ProcedureCodeResolution
    /// The timed units, or why there are none.
    public var units: TimedUnitResult
    /// The auto-applied modifiers.
    public var modifiers: ModifierSelection
    /// The amount, or why there is none.
    public var pricing: ChargePricing
    /// The profile that produced the rules; the charge records it.
    public var source: ProfileSource
    /// The rule values that were AHCCCS fallbacks; the charge records them with the source.
    public var fallbacks: Set<FallbackField> {
        get { fallbackFields.set }
        set { fallbackFields = FallbackFieldMask(newValue) }
    }
    /// Stored as bits, so an evaluation holds no reference and copying one retains nothing for it.
    private var fallbackFields: FallbackFieldMask

    /// Creates an evaluation; normally produced by ``BillingRulesEngine/evaluate(_:)``.
    public init(
        procedureCode: ProcedureCodeResolution,
        units: TimedUnitResult,
        modifiers: ModifierSelection,
        pricing: ChargePricing,
        source: ProfileSource,
        fallbacks: Set<FallbackField>
    ) {
        self.procedureCode = procedureCode
        self.units = units
        self.modifiers = modifiers
        self.pricing = pricing
        self.source = source
        self.fallbackFields = FallbackFieldMask(fallbacks)
    }

    /// The engine's path: the fallbacks already as bits.
    init(procedureCode: ProcedureCodeResolution, units: TimedUnitResult, modifiers: ModifierSelection, pricing: ChargePricing,
         source: ProfileSource, fallbackFields: FallbackFieldMask) {
        self.procedureCode = procedureCode
        self.units = units
        self.modifiers = modifiers
        self.pricing = pricing
        self.source = source
        self.fallbackFields = fallbackFields
    }

    /// The amount in cents, if the charge could be priced.
    public var amountCents: Int? { pricing.amountCents }
}
