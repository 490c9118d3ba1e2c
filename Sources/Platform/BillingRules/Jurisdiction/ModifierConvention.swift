/// One auto-applied modifier of a jurisdiction profile: the code to add when its trigger holds.
public struct ModifierConvention: Sendable, Hashable, Codable {
    /// The modifier code written on the claim line, e.g. `"93"`.
    public var code: String
    /// What the code means, shown on the effective-rules page.
    public var description: String
    /// The raw trigger name. Kept as a string so a trigger this version does not know survives
    /// decoding and saving; such conventions are ignored when modifiers are selected (PF-96
    /// asks for forward compatibility).
    public var trigger: String

    /// Creates a convention from its three stored fields.
    public init(code: String, description: String, trigger: String) {
        self.code = code
        self.description = description
        self.trigger = trigger
    }

    /// Creates a convention for a trigger this version knows.
    public init(code: String, description: String, trigger: ModifierTrigger) {
        self.init(code: code, description: description, trigger: trigger.rawValue)
    }

    /// The trigger, when this version knows it; `nil` for a forward-compatible unknown trigger.
    public var knownTrigger: ModifierTrigger? { ModifierTrigger(rawValue: trigger) }
}
