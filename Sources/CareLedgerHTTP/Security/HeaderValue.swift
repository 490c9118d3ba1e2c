/// Header values as HTTP writes them, read in plain UTF-8: every API request passes here, and
/// Foundation's `trimmingCharacters` goes through `NSString` on Linux (1.5% of the server's CPU
/// per mark in a profile, for the bearer token alone).
enum HeaderValue {
    /// `value` without the blanks (spaces and tabs) HTTP allows around it.
    static func trimmed(_ value: Substring) -> Substring {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = value.utf8.firstIndex(where: { !isBlank($0) }), let last = value.utf8.lastIndex(where: { !isBlank($0) }) else {
            return value[value.endIndex...]
        }
        return Substring(value.utf8[first...last])
    }

    /// The credentials of an `Authorization` header of the `Bearer` scheme (named in any case),
    /// without surrounding blanks; nil for another scheme or no credentials.
    static func bearerCredentials(_ header: String) -> String? {
        let scheme = "bearer ".utf8
        guard header.utf8.count > scheme.count,
              header.utf8.prefix(scheme.count).elementsEqual(scheme, by: { lowercasedASCII($0) == $1 }) else { return nil }
        let credentials = trimmed(Substring(header.utf8.dropFirst(scheme.count)))
        return credentials.isEmpty ? nil : String(credentials)
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
