/// Which element and attribute names the renderer writes. Names come from page code, but one
/// built from data (`data-\(key)`) must not be able to end the tag or add an attribute, and no
/// page may attach an inline event handler (`on…`), which the Content-Security-Policy forbids
/// anyway. A refused element is left out around its content; a refused attribute is left out.
enum MarkupNames {
    /// An ASCII letter, then letters, digits or hyphens (`h1`, `option`, `custom-tag`).
    static func isElementName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "-" }
    }

    /// An ASCII letter, then letters, digits, `-`, `_`, `.` or `:`; never an event handler.
    static func isAttributeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        guard !name.lowercased().hasPrefix("on") else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || "-_.:".unicodeScalars.contains($0) }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
