/// One segment as its elements; `text` writes it with this renderer's delimiters.
///
/// Trailing empty elements and components are dropped, as X12 requires; inner empty
/// elements stay, because position gives them their meaning (NM1*85*2*NAME*****XX*NPI).
struct X12Segment: Equatable {
    static let elementSeparator = "*"
    static let componentSeparator = ":"
    static let repetitionSeparator = "^"
    /// `~` ends a segment; the newline after it is only for people reading the file, and receivers ignore it.
    static let terminator = "~\n"

    var id: String
    var elements: [String]

    init(_ id: String, _ elements: String...) {
        self.init(id: id, elements: elements)
    }

    init(id: String, elements: [String]) {
        self.id = id
        self.elements = elements
    }

    var text: String {
        let kept = elements.reversed().drop(while: \.isEmpty).reversed()
        return ([id] + kept).joined(separator: Self.elementSeparator)
    }

    /// A composite element such as `HC:90837:95` or `11:B:1`.
    static func composite(_ components: [String]) -> String {
        components.reversed().drop(while: \.isEmpty).reversed().joined(separator: componentSeparator)
    }
}

/// X12 decimal (type R) for money held in cents: no trailing zeros, no decimal point for whole
/// amounts (12500 is `125`, 12550 is `125.5`, 5 is `0.05`), which is how receivers compare totals.
enum X12Amount {
    static func text(cents: Int) -> String {
        let whole = cents / 100, fraction = cents % 100
        if fraction == 0 { return String(whole) }
        let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
        return "\(whole).\(digits.hasSuffix("0") ? String(digits.dropLast()) : digits)"
    }
}
