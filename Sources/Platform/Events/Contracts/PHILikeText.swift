/// The rule that decides whether an event's free-text value looks like it could identify a patient.
/// It errs towards refusing: a refused value is a publisher's bug to fix, a leaked one is a breach.
/// A value is PHI-like when it
/// - contains `@` (an email address),
/// - holds 7 or more digits in total (a phone, MRN, member or social security number),
/// - has the shape of a date, digits–separator–digits–separator–digits with `-`, `/` or `.`
///   (a birth date),
/// - contains whitespace (a person's name, "Jane Doe", or any prose).
public enum PHILikeText {
    /// Why `text` looks like PHI, or nil when it does not.
    public static func reason(_ text: String) -> String? {
        if text.contains("@") { return "looks like an email address (PHI-like values are refused)" }
        if text.unicodeScalars.filter({ $0.properties.numericType != nil && $0.isASCII }).count >= 7 {
            return "holds 7 or more digits, like a phone, MRN or member number (PHI-like values are refused)"
        }
        if looksLikeDate(text) { return "looks like a date, such as a birth date (PHI-like values are refused)" }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return "contains whitespace, as a person's name would (PHI-like values are refused)"
        }
        return nil
    }

    /// A letter, then up to 63 ASCII letters, digits, `.`, `_` or `-`.
    public static func isSystemIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), isLetter(bytes[0]) else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Three digit groups joined by the same separator, e.g. `1984-02-07`, `2/7/84`, `07.02.1984`.
    static func looksLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for separator in [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")] {
            var groups = 0, digitsInGroup = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isDigit(byte) {
                    digitsInGroup += 1
                } else if byte == separator, digitsInGroup > 0, index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                    groups += 1
                    digitsInGroup = 0
                } else {
                    groups = 0
                    digitsInGroup = 0
                }
                if digitsInGroup > 0, groups >= 2 { return true }
                index += 1
            }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
