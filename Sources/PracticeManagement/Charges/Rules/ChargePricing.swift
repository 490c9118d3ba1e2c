/// The amount of a charge, or why it has none.
public enum ChargePricing: Sendable, Hashable {
    /// `amountCents = units × unitRateCents`.
    case priced(unitRateCents: Int, amountCents: Int)
    /// The charge cannot be priced.
    case notPriced(NotPricedReason)

    /// The amount in cents, if priced.
    public var amountCents: Int? {
        if case .priced(_, let amount) = self { amount } else { nil }
    }
}

/// Why a charge has no amount.
public enum NotPricedReason: Sendable, Hashable {
    /// No procedure code was found (see the evaluation's procedure code resolution).
    case noProcedureCode
    /// The time earns no units (see the evaluation's units).
    case notBillable
    /// The procedure code has no rate in force for the payer on the date.
    case noFeeScheduleEntry
    /// `units × rate` does not fit in an `Int`.
    case amountOverflow
}
