/// What a contract pays for reaching its top tier: a fixed amount, or a percent of a payer's pool.
public enum IncentiveTerms: Sendable, Hashable {
    case fixedAmount(cents: Int)
    case percentOfPool(poolCents: Int, basisPoints: Int)

    /// The incentive at 100 % earned, in cents.
    public var fullIncentiveCents: Int {
        switch self {
        case .fixedAmount(let cents): cents
        case .percentOfPool(let pool, let basisPoints): BasisPoints.share(of: pool, basisPoints)
        }
    }

    /// `fixed_amount` or `percent_of_pool`, as stored and in the API.
    public var kind: String {
        switch self {
        case .fixedAmount: "fixed_amount"
        case .percentOfPool: "percent_of_pool"
        }
    }
}
