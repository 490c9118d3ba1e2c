/// URL attributes that would run or embed script (`javascript:`, `vbscript:`, `data:`) are
/// written as a harmless `about:invalid`, so a stored link cannot become a script even where
/// escaping alone keeps it inside its attribute.
enum MarkupURLs {
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href"]
    static let refusedSchemes = ["javascript:", "vbscript:", "data:"]
    static let replacement = "about:invalid"

    static func isURLAttribute(_ name: String) -> Bool {
        urlAttributes.contains(name)
    }

    /// `url`, or `about:invalid` when its scheme is one that runs script. Browsers ignore
    /// leading spaces and control characters and tabs or newlines inside a scheme, so the
    /// check does too.
    static func safe(_ url: String) -> String {
        let scalars = url.unicodeScalars.drop(while: { $0.value <= 0x20 })
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let head = String(String.UnicodeScalarView(scalars.prefix(16))).lowercased()
        return refusedSchemes.contains(where: head.hasPrefix) ? replacement : url
    }
}
