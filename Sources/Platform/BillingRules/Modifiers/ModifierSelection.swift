/// The modifiers selected for one encounter: a bitmask over the compiled code table.
///
/// Selecting is the hot path, so this value holds only the mask and a shared reference to the
/// compiled table; ``codes`` builds an array only when a caller asks for one.
public struct ModifierSelection: Sendable, Hashable {
    /// Bit `i` set means `table[i]` is selected.
    public let mask: UInt64
    /// The compiled code table, in output order (shared, never copied per selection).
    public let table: [String]

    /// Creates a selection over a compiled table.
    public init(mask: UInt64, table: [String]) {
        self.mask = mask
        self.table = table
    }

    /// Number of selected codes.
    public var count: Int { mask.nonzeroBitCount }

    /// Whether no modifier was selected.
    public var isEmpty: Bool { mask == 0 }

    /// Whether the code was selected; compares without building the list.
    public func contains(_ code: String) -> Bool {
        var bits = mask
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            if table[index] == code { return true }
            bits &= bits - 1
        }
        return false
    }

    /// The selected codes in the documented output order (allocates an array).
    public var codes: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        var bits = mask
        while bits != 0 {
            result.append(table[bits.trailingZeroBitCount])
            bits &= bits - 1
        }
        return result
    }
}
