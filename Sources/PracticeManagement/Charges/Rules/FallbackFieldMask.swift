import Platform

/// A set of ``FallbackField``s as bits (one per case, in declaration order): a value with no
/// reference, for results built millions of times a second.
struct FallbackFieldMask: Sendable, Hashable {
    private var bits: UInt32 = 0

    init(_ fields: Set<FallbackField>) {
        for field in fields { bits |= Self.bit(field) }
    }

    /// The fields as a set (allocates; for readers, not the hot path).
    var set: Set<FallbackField> {
        Set(FallbackField.allCases.filter { bits & Self.bit($0) != 0 })
    }

    private static func bit(_ field: FallbackField) -> UInt32 {
        1 << UInt32(FallbackField.allCases.firstIndex(of: field)!)
    }
}
