/// A set of active triggers packed in one integer, so computing it for an encounter never allocates.
public struct ModifierTriggerSet: OptionSet, Sendable, Hashable {
    /// One bit per trigger, at the trigger's ``ModifierTrigger/orderIndex``.
    public let rawValue: UInt16

    /// Creates a set from its bit pattern.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Creates a set holding one trigger.
    public init(_ trigger: ModifierTrigger) {
        self.init(rawValue: 1 << UInt16(trigger.orderIndex))
    }

    /// Creates a set holding the given triggers.
    public init(_ triggers: some Sequence<ModifierTrigger>) {
        self.init()
        for trigger in triggers {
            formUnion(ModifierTriggerSet(trigger))
        }
    }

    /// Whether the trigger is active.
    public func contains(_ trigger: ModifierTrigger) -> Bool {
        rawValue & (1 << UInt16(trigger.orderIndex)) != 0
    }

    /// Adds a trigger.
    public mutating func insert(_ trigger: ModifierTrigger) {
        formUnion(ModifierTriggerSet(trigger))
    }

    /// The active triggers in the documented order (allocates; not for the hot path).
    public var triggers: [ModifierTrigger] {
        ModifierTrigger.allCases.filter { contains($0) }
    }
}
