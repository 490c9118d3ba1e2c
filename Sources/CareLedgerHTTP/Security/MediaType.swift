/// What a `Content-Type` header names, read the same way by every check at the edge.
enum MediaType {
    /// The media type without its parameters, lowercased: `Application/JSON; charset=utf-8` is
    /// `application/json`. Nil when the header is absent or names nothing.
    static func essence(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let end = contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex
        let type = HeaderValue.trimmed(contentType[..<end])
        return type.isEmpty ? nil : type.lowercased()
    }

    /// `application/json`, or a structured `application/…+json` type.
    static func isJSON(_ essence: String) -> Bool {
        essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }
}
