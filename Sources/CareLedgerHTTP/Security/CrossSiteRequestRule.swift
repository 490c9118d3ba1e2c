/// Which browser requests may change anything: the rule behind `CrossSiteRequestMiddleware`.
///
/// Decision: a strict Origin / `Sec-Fetch-Site` check instead of per-session CSRF tokens. Every
/// browser this product supports sends `Origin` on a cross-origin POST and `Sec-Fetch-Site` on
/// every request, so a hostile page's form is recognised by its own headers, and forms written
/// later are covered without a hidden field each author must remember. A request that carries
/// neither header does not come from a browser's cross-site form, so it passes (scripts, curl).
/// Bearer-token requests are not judged at all: a browser never attaches a bearer token by itself.
struct CrossSiteRequestRule: Sendable, Equatable {
    enum Verdict: Sendable, Equatable {
        case allow
        /// Another site (or an opaque `null` origin) sent it: 403.
        case crossSite
        /// A cookie-authenticated API write whose body is not JSON: 415. A plain HTML form can
        /// only send form, multipart or text bodies, and a cross-site script cannot send JSON
        /// without a CORS preflight, which this server never grants.
        case notJSON
    }

    var method: String
    var path: String
    /// The `Host` header (`host[:port]`), which the browser sets to the address it is talking to.
    var host: String?
    var origin: String?
    var secFetchSite: String?
    var contentType: String?
    var hasBearerToken: Bool
    var hasSessionCookie: Bool

    static let safeMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE"]

    var verdict: Verdict {
        guard !Self.safeMethods.contains(method.uppercased()), !hasBearerToken else { return .allow }
        if let site = secFetchSite?.lowercased(), site != "same-origin", site != "none" { return .crossSite }
        if let origin {
            guard let host, Self.authority(ofOrigin: origin) == host.lowercased() else { return .crossSite }
        }
        if hasSessionCookie, path.hasPrefix("/api/"), !(MediaType.essence(of: contentType).map(MediaType.isJSON) ?? false) { return .notJSON }
        return .allow
    }

    /// `http://host:port` → `host:port`; `null` and anything else that is not an origin → nil.
    static func authority(ofOrigin origin: String) -> String? {
        let lowered = origin.lowercased()
        for scheme in ["https://", "http://"] where lowered.hasPrefix(scheme) {
            let rest = lowered.dropFirst(scheme.count)
            guard !rest.isEmpty, !rest.contains("/") else { return nil }
            return String(rest)
        }
        return nil
    }
}
