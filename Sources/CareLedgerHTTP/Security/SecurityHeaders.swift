import HTTPTypes

/// The headers every response carries, whatever route or error produced it.
enum SecurityHeaders {
    /// Scripts and styles only from this origin's files (`/assets/app.js`, `/assets/app.css`): an
    /// injected `<script>`, `onclick=` or `style=` does nothing. No framing, no plugins, and forms
    /// may post only back here.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// One year, as browsers expect of a site that is HTTPS only.
    static let strictTransportSecurity = "max-age=31536000"

    /// Adds the headers to `headers`. A route that chose its own `Cache-Control` (the stylesheet and
    /// script) keeps it; everything else, pages and API answers carrying PHI alike, is `no-store`.
    static func apply(to headers: inout HTTPFields, overTLS: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "same-origin"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        if overTLS { headers[.strictTransportSecurity] = strictTransportSecurity }
    }

    /// The server speaks plain HTTP; TLS ends at a proxy in front of it, which says so with
    /// `X-Forwarded-Proto: https` (or `Forwarded: proto=https`). Browsers ignore
    /// `Strict-Transport-Security` received over plain HTTP, so a forged header gains nothing.
    static func arrivedOverTLS(_ request: HTTPRequest) -> Bool {
        if request.scheme?.lowercased() == "https" { return true }
        if let proto = request.headerFields[.xForwardedProto], proto.split(separator: ",").first
            .map({ HeaderValue.trimmed($0).lowercased() }) == "https" { return true }
        if let forwarded = request.headerFields[.forwarded]?.lowercased(), forwarded.contains("proto=https") { return true }
        return false
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let forwarded = Self("Forwarded")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
