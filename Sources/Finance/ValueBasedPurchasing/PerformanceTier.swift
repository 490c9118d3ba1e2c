/// One step of a contract's targets: reaching `minimumRate` earns `earnedShare` of the full incentive.
/// A contract with a single target rate is one tier earning 100 %.
public struct PerformanceTier: Sendable, Hashable, Codable {
    /// The lowest rate that reaches the tier, in basis points (0…10 000).
    public let minimumRateBasisPoints: Int
    /// The share of the full incentive the tier earns, in basis points (0…10 000).
    public let earnedBasisPoints: Int

    public init(minimumRateBasisPoints: Int, earnedBasisPoints: Int) {
        self.minimumRateBasisPoints = minimumRateBasisPoints
        self.earnedBasisPoints = earnedBasisPoints
    }

    /// A single target rate that earns the whole incentive.
    public static func target(_ minimumRateBasisPoints: Int) -> PerformanceTier {
        PerformanceTier(minimumRateBasisPoints: minimumRateBasisPoints, earnedBasisPoints: BasisPoints.whole)
    }
}
