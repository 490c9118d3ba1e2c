import PostgresNIO
import Foundation

/// Random secrets for bearer tokens and session cookies. Only their SHA-256 is stored.
public enum SecretToken {
    /// 32 bytes from the system's cryptographic generator, base64url with a readable prefix.
    public static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "\(prefix)_\(encoded)"
    }
}
