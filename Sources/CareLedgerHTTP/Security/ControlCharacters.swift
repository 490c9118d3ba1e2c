import Foundation

/// Which characters no text the API or the pages accept may hold. PostgreSQL refuses NUL in
/// `text` (22021), and no other C0 or C1 control, nor DEL, belongs in a name, code or note.
enum ControlCharacters {
    /// Where the text stands: a multi-line body field (a note, a CSV file) may hold tabs and line
    /// breaks; a query parameter, path segment or form field name never does.
    enum Place: Sendable { case singleLine, multiLine }

    static func isRefused(_ scalar: Unicode.Scalar, in place: Place) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: place == .singleLine
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    static func contains(_ text: some StringProtocol, in place: Place) -> Bool {
        text.unicodeScalars.contains { isRefused($0, in: place) }
    }

    /// `text` without the characters refused in `place`: what a page shows again of a refused value.
    static func removed(from text: String, in place: Place) -> String {
        guard contains(text, in: place) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isRefused($0, in: place) }))
    }

    /// Whether a JSON text might hold a refused character in a string once parsed; false only
    /// when none can be there. Every API request's body passes here, and almost none holds one,
    /// so a scan of its bytes stands in for a parse: a refused character reaches a string only
    /// raw (C0 is malformed JSON anyway; DEL; C1, whose UTF-8 starts C2 80–9F) or through an
    /// escape other than `\" \\ \/ \n \r \t`.
    static func mayHoldRefused(json bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x09, 0x0A, 0x0D: break
            case 0x00...0x1F, 0x7F: return true
            case 0xC2:
                if index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return true }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                default:
                    return true
                }
            default: break
            }
            index += 1
        }
        return false
    }

    /// The path (in the API's words, `patients[2].given_name`) of the first string in a parsed
    /// JSON value that holds a refused character; nil when there is none. `""` is the
    /// body itself (a bare string).
    static func firstField(inJSON value: Any, path: String = "") -> String? {
        switch value {
        case let string as String:
            return contains(string, in: .multiLine) ? path : nil
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = firstField(inJSON: element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case let object as [String: Any]:
            // A bad key is named by the object holding it, so a refusal never echoes a control character.
            for key in object.keys.sorted() {
                if contains(key, in: .multiLine) { return path.isEmpty ? "body" : path }
                if let found = firstField(inJSON: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
