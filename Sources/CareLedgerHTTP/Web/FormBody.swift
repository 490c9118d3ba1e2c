import Foundation
import Hummingbird
import NIOCore
import Platform

/// A page form as posted. Pages read their forms only through `FormBody.read`, which keeps a
/// control character out of every value: `ControlCharacterMiddleware` leaves page forms to this
/// reader so that the page, not a generic error page, answers with the field's message.
struct FormFields: Sendable {
    /// Every name/value pair in order (a checkbox list repeats its name), control characters removed.
    let pairs: [(String, String)]
    /// The first field that held a control character, refused as the JSON API refuses it.
    let refusal: DomainError?

    /// The last value given for `name`.
    subscript(name: String) -> String? { pairs.last { $0.0 == name }?.1 }

    /// Every value given for `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Name to value, the last value of a repeated name winning.
    var values: [String: String] { Dictionary(pairs, uniquingKeysWith: { $1 }) }

    /// Throws the refusal (422 naming the field) when a field held a control character. Every form
    /// route calls it first inside the block whose refusals re-render its form, so a NUL typed or
    /// pasted into a field is answered like any other invalid value of that field.
    func refuseControlCharacters() throws {
        if let refusal { throw refusal }
    }

    init(_ body: String) {
        var pairs: [(String, String)] = []
        var refusal: DomainError?
        for (name, value) in FormBody.uncheckedPairs(body) {
            if refusal == nil, ControlCharacters.contains(name, in: .singleLine) { refusal = Self.refusal("body", "A field name") }
            if refusal == nil, ControlCharacters.contains(value, in: .multiLine) { refusal = Self.refusal(name, "The field \(name)") }
            pairs.append((ControlCharacters.removed(from: name, in: .singleLine), ControlCharacters.removed(from: value, in: .multiLine)))
        }
        self.pairs = pairs
        self.refusal = refusal
    }

    /// The page says which field, since its form has no JSON `field` to carry the name.
    private static func refusal(_ field: String, _ subject: String) -> DomainError {
        DomainError.invalid(ControlCharacters.removed(from: field, in: .singleLine),
                            "\(ControlCharacters.removed(from: subject, in: .singleLine)) holds a control character (such as NUL), which is not allowed; remove it and send the form again.",
                            code: "CONTROL_CHARACTER")
    }
}

/// `application/x-www-form-urlencoded` bodies, as the pages post them.
enum FormBody {
    /// Reads a page's form body, at most `limit` bytes.
    static func read(_ request: Request, upTo limit: Int) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: limit)))
    }

    /// Every name/value pair in order, percent-decoded and unchecked: for `ControlCharacterMiddleware`
    /// and `FormFields`, never for a page's route.
    static func uncheckedPairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let name = parts.first else { return nil }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
