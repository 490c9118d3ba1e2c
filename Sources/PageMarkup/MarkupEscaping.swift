/// Escaping for text and for double-quoted attribute values alike: the five characters that can
/// end a value or start markup become character references, everything else is written as is.
public enum MarkupEscaping {
    /// `s` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    public static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscaping) else { return s }
        var escaped = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\"" || scalar == "'"
    }
}
