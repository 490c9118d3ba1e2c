import Foundation

/// Checks and normalizes single fields before they enter a segment; each refusal names the field.
///
/// Free text is refused, never stripped, when it holds a character X12 cannot carry: a delimiter
/// (`*` element, `:` component, `^` repetition, `~` segment) would split the segment and shift every
/// field after it, and silently dropping characters from a name, member id or address changes the
/// identity the payer matches on. The biller fixes the record instead. Two normalizations are safe and
/// applied: accents are folded and names upper-cased (payer member files are upper-case ASCII, so
/// `José` is enrolled as `JOSE`), and runs of whitespace become one space. Identifiers keep their case.
enum X12Field {
    /// The X12 basic and extended character sets, less the four delimiters this renderer uses.
    private static let carriable: Set<Character> = {
        var characters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ")
        characters.formUnion("!\"&'()+,-./;?=%@[]_{}\\|<>#$")
        return characters
    }()
    private static let delimiters: Set<Character> = ["*", ":", "^", "~"]

    /// Names and addresses: folded, upper-cased, whitespace collapsed, length checked.
    static func text(_ value: String, at path: String, length: ClosedRange<Int>) throws(ProfessionalClaimEDIError) -> String {
        let folded = value.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_US_POSIX")).uppercased()
        return try carriable(collapsingWhitespace(folded), at: path, length: length)
    }

    /// An optional name or address part; blank counts as absent.
    static func optionalText(_ value: String?, at path: String, length: ClosedRange<Int>) throws(ProfessionalClaimEDIError) -> String? {
        guard let value, !collapsingWhitespace(value).isEmpty else { return nil }
        return try text(value, at: path, length: length)
    }

    /// Member ids, control numbers, payer ids: trimmed, case kept, no inner spaces.
    static func identifier(_ value: String, at path: String, length: ClosedRange<Int>) throws(ProfessionalClaimEDIError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains(where: \.isWhitespace) { throw .invalidField(path: path, reason: "must not contain spaces") }
        return try carriable(trimmed, at: path, length: length)
    }

    /// An optional identifier; blank counts as absent.
    static func optionalIdentifier(_ value: String?, at path: String, length: ClosedRange<Int>) throws(ProfessionalClaimEDIError) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try identifier(value, at: path, length: length)
    }

    static func email(_ value: String, at path: String) throws(ProfessionalClaimEDIError) -> String {
        let address = try identifier(value, at: path, length: 3...256)
        guard address.split(separator: "@", omittingEmptySubsequences: false).count == 2,
              !address.hasPrefix("@"), !address.hasSuffix("@")
        else { throw .invalidField(path: path, reason: "must be an email address") }
        return address
    }

    /// A fixed count of digits; the separators people write (`85004-1234`, `(602) 555-0100`) are removed.
    static func digits(_ value: String, at path: String, counts: Set<Int>, removing separators: Set<Character>, reason: String) throws(ProfessionalClaimEDIError) -> String {
        let kept = value.trimmingCharacters(in: .whitespaces).filter { !separators.contains($0) }
        guard counts.contains(kept.count), kept.allSatisfy(\.isASCIIDigit) else { throw .invalidField(path: path, reason: reason) }
        return kept
    }

    static func npi(_ value: String, at path: String) throws(ProfessionalClaimEDIError) -> String {
        let npi = value.trimmingCharacters(in: .whitespaces)
        guard NationalProviderIdentifier.isValid(npi) else {
            throw .invalidField(path: path, reason: "must be 10 digits with a valid check digit")
        }
        return npi
    }

    static func postalCode(_ value: String, at path: String, requireZipPlusFour: Bool) throws(ProfessionalClaimEDIError) -> String {
        if requireZipPlusFour {
            return try digits(value, at: path, counts: [9], removing: ["-"], reason: "must be a ZIP+4 (9 digits): the 5010 guide requires it for the billing provider")
        }
        return try digits(value, at: path, counts: [5, 9], removing: ["-"], reason: "must be a ZIP code of 5 or 9 digits")
    }

    static func state(_ value: String, at path: String) throws(ProfessionalClaimEDIError) -> String {
        let state = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard state.count == 2, state.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalidField(path: path, reason: "must be a two-letter state code")
        }
        return state
    }

    /// `YYYY-MM-DD` in, `CCYYMMDD` out, for a real calendar date from 1900 on.
    static func date(_ value: String, at path: String) throws(ProfessionalClaimEDIError) -> String {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1900, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { throw .invalidField(path: path, reason: "must be a date in the form YYYY-MM-DD") }
        return parts.joined()
    }

    /// Health care provider taxonomy: ten characters ending in X (e.g. `101YM0800X`).
    static func taxonomy(_ value: String?, at path: String) throws(ProfessionalClaimEDIError) -> String? {
        guard let value else { return nil }
        let code = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 10, code.hasSuffix("X"), code.allSatisfy(\.isASCIIAlphanumeric) else {
            throw .invalidField(path: path, reason: "must be a 10-character provider taxonomy code ending in X")
        }
        return code
    }

    /// Refuses characters X12 cannot carry, then checks the length.
    private static func carriable(_ value: String, at path: String, length: ClosedRange<Int>) throws(ProfessionalClaimEDIError) -> String {
        if let bad = value.first(where: { !carriable.contains($0) }) {
            let why = delimiters.contains(bad) ? "is an X12 delimiter" : "is outside the X12 character set"
            throw .invalidField(path: path, reason: "contains \"\(bad)\", which \(why)")
        }
        guard length.contains(value.count) else {
            throw .invalidField(path: path, reason: value.isEmpty ? "is required" : "must be \(length.lowerBound) to \(length.upperBound) characters")
        }
        return value
    }

    private static func collapsingWhitespace(_ value: String) -> String {
        value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
