import Foundation
import Platform

/// A walk over FHIR JSON that knows where it is, so every refusal names the exact field
/// (`entry[3].resource.period.start`).
struct FHIRJSON {
    let value: Any?
    let path: String

    init(_ value: Any?, path: String) {
        self.value = value
        self.path = path
    }

    subscript(_ key: String) -> FHIRJSON {
        FHIRJSON((value as? [String: Any])?[key], path: path.isEmpty ? key : "\(path).\(key)")
    }

    var isPresent: Bool { value != nil && !(value is NSNull) }

    func refuse(_ message: String, code: String = "INVALID_FHIR") -> DomainError {
        DomainError.invalid(path, message, code: code)
    }

    func string() throws -> String? {
        guard isPresent else { return nil }
        guard let text = value as? String else { throw refuse("must be a string") }
        return text
    }

    func requiredString() throws -> String {
        guard let text = try string(), !text.isEmpty else { throw refuse("is required") }
        return text
    }

    func array() throws -> [FHIRJSON] {
        guard isPresent else { return [] }
        guard let items = value as? [Any] else { throw refuse("must be an array") }
        return items.enumerated().map { FHIRJSON($1, path: "\(path)[\($0)]") }
    }

    func int() throws -> Int? {
        guard isPresent else { return nil }
        // JSON true decodes as a number too; its runtime type is the only mark of a boolean.
        guard let number = value as? Int, !String(describing: type(of: value!)).contains("Boolean") else {
            throw refuse("must be an integer")
        }
        return number
    }

    /// A FHIR `date` or `dateTime` as the organization's calendar date: a date-only value is taken
    /// as written (never shifted); a value with a time must name its zone and is read on `zone`'s
    /// wall calendar. Partial dates (year or year-month) are refused: the measures count days.
    func date(in zone: TimeZone) throws -> ServiceDate? {
        guard let text = try string() else { return nil }
        if text.utf8.count == 10 {
            guard let date = ServiceDate(text) else { throw refuse("must be a calendar date (YYYY-MM-DD)") }
            return date
        }
        guard text.contains("T") else { throw refuse("needs a full date (YYYY-MM-DD); a year or month alone cannot be counted") }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let instant = plain.date(from: text) ?? fractional.date(from: text) else {
            throw refuse("must be a FHIR dateTime with a time zone (e.g. 2026-03-02T14:30:00-07:00)")
        }
        return ServiceDate.today(in: zone, now: instant)
    }
}
