/// A payer's supervision rule (per payer and state, PM-07).
public struct SupervisionRule: Sendable, Hashable, Codable {
    /// Most billable participants one present supervisor may cover.
    public var maxParticipantsPerSupervisor: Int

    /// Creates a rule.
    public init(maxParticipantsPerSupervisor: Int) {
        self.maxParticipantsPerSupervisor = maxParticipantsPerSupervisor
    }
}
