/// A payer's rate band for a group size (per payer and state, PM-07).
public struct GroupSizeBand: Sendable, Hashable, Codable {
    /// Smallest billable count in the band (inclusive).
    public var minParticipants: Int
    /// Largest billable count in the band (inclusive).
    public var maxParticipants: Int
    /// Rate per unit in cents.
    public var unitRateCents: Int

    /// Creates a band.
    public init(minParticipants: Int, maxParticipants: Int, unitRateCents: Int) {
        self.minParticipants = minParticipants
        self.maxParticipants = maxParticipants
        self.unitRateCents = unitRateCents
    }

    /// Whether the count falls inside the band.
    public func contains(_ count: Int) -> Bool {
        minParticipants <= count && count <= maxParticipants
    }
}
