@testable import CareLedgerHTTP
import Foundation
import HTTPTypes
import Testing

/// The pure rules behind the security middleware, as tables.
@Suite("Security rules")
struct SecurityRulesTests {
    struct CrossSiteCase: Sendable, CustomTestStringConvertible {
        let label: String
        let rule: CrossSiteRequestRule
        let verdict: CrossSiteRequestRule.Verdict
        var testDescription: String { label }
    }

    static func request(_ method: String = "POST", path: String = "/sign-out", origin: String? = nil, site: String? = nil,
                        type: String? = "application/x-www-form-urlencoded", bearer: Bool = false, cookie: Bool = true) -> CrossSiteRequestRule {
        CrossSiteRequestRule(method: method, path: path, host: "care.example:8080", origin: origin, secFetchSite: site,
                             contentType: type, hasBearerToken: bearer, hasSessionCookie: cookie)
    }

    static let crossSiteCases: [CrossSiteCase] = [
        .init(label: "same-origin form post", rule: request(origin: "https://care.example:8080", site: "same-origin"), verdict: .allow),
        .init(label: "no browser headers (curl)", rule: request(), verdict: .allow),
        .init(label: "another origin", rule: request(origin: "http://evil.example"), verdict: .crossSite),
        .init(label: "same host, other port", rule: request(origin: "http://care.example:9090"), verdict: .crossSite),
        .init(label: "opaque origin", rule: request(origin: "null"), verdict: .crossSite),
        .init(label: "cross-site fetch metadata", rule: request(site: "cross-site"), verdict: .crossSite),
        .init(label: "same-site sibling", rule: request(site: "same-site"), verdict: .crossSite),
        .init(label: "typed in the address bar", rule: request(site: "none"), verdict: .allow),
        .init(label: "GET is never judged", rule: request("GET", origin: "http://evil.example"), verdict: .allow),
        .init(label: "bearer token from anywhere", rule: request(origin: "http://evil.example", bearer: true), verdict: .allow),
        .init(label: "cookie API write as text/plain", rule: request(path: "/api/v1/patients", type: "text/plain"), verdict: .notJSON),
        .init(label: "cookie API write with no body type", rule: request(path: "/api/v1/group-sessions/x/finalize", type: nil), verdict: .notJSON),
        .init(label: "cookie API write as JSON", rule: request(path: "/api/v1/patients", type: "application/json; charset=utf-8"), verdict: .allow),
        .init(label: "cookie API write as JSON, in capitals", rule: request(path: "/api/v1/patients", type: "Application/JSON"), verdict: .allow),
        .init(label: "API write without a cookie (401 later)", rule: request(path: "/api/v1/patients", type: "text/plain", cookie: false), verdict: .allow),
    ]

    @Test("cross-site verdicts", arguments: crossSiteCases)
    func crossSite(_ example: CrossSiteCase) {
        #expect(example.rule.verdict == example.verdict)
    }

    @Test("a Content-Type's media type: parameters, case and surrounding blanks dropped; nothing named is nil", arguments: [
        ("application/json", "application/json"), ("Application/JSON; charset=utf-8", "application/json"),
        (" \ttext/csv \t;charset=utf-8", "text/csv"), ("application/vnd.api+json", "application/vnd.api+json"),
        ("application/x-www-form-urlencoded;", "application/x-www-form-urlencoded"), ("multipart/form-data; boundary=x", "multipart/form-data"),
        ("", nil), ("  \t ", nil), ("; charset=utf-8", nil), (nil, nil),
    ] as [(String?, String?)])
    func mediaTypeEssence(header: String?, essence: String?) {
        #expect(MediaType.essence(of: header) == essence)
    }

    @Test("a header value without the blanks around it, multi-byte characters kept whole", arguments: [
        ("token", "token"), (" \ttoken\t ", "token"), ("a b", "a b"), ("  ", ""), ("", ""), (" é ", "é"), ("\tñandú\u{301}\t", "ñandú\u{301}"),
    ])
    func headerValueTrimmed(value: String, trimmed: String) {
        #expect(String(HeaderValue.trimmed(Substring(value))) == trimmed)
    }

    @Test("bearer credentials: the scheme in any case, blanks dropped; another scheme or no credentials is nil", arguments: [
        ("Bearer clt_abc", "clt_abc"), ("bearer clt_abc", "clt_abc"), ("BEARER \tclt_abc \t", "clt_abc"), ("Bearer  clt_a b", "clt_a b"),
        ("Bearer", nil), ("Bearer ", nil), ("Bearer \t ", nil), ("Basic dXNlcjpwYXNz", nil), ("Bearerclt_abc", nil), ("Bearer\tclt_abc", nil),
        ("Beare\u{0}clt_abc", nil), ("", nil),
    ] as [(String, String?)])
    func bearerCredentials(header: String, credentials: String?) {
        #expect(HeaderValue.bearerCredentials(header) == credentials)
    }

    @Test("JSON bodies: application/json and structured +json types only", arguments: [
        ("application/json", true), ("application/problem+json", true), ("text/json", false), ("application/jsonl", false),
        ("application/x-www-form-urlencoded", false),
    ])
    func jsonMediaTypes(essence: String, isJSON: Bool) {
        #expect(MediaType.isJSON(essence) == isJSON)
    }

    @Test("control characters by place", arguments: [
        ("plain text", ControlCharacters.Place.singleLine, false), ("a\u{0}b", .singleLine, true), ("a\u{0}b", .multiLine, true),
        ("line\nbreak", .singleLine, true), ("line\nbreak", .multiLine, false), ("tab\there", .multiLine, false),
        ("bell\u{7}", .multiLine, true), ("delete\u{7F}", .multiLine, true), ("c1\u{85}", .multiLine, true),
        ("accents é ü ñ and 日本", .singleLine, false),
    ] as [(String, ControlCharacters.Place, Bool)])
    func controlCharacters(text: String, place: ControlCharacters.Place, refused: Bool) {
        #expect(ControlCharacters.contains(text, in: place) == refused)
    }

    @Test("the first JSON field holding a control character, in the API's path words")
    func jsonField() throws {
        func field(_ json: String) throws -> String? {
            try ControlCharacters.firstField(inJSON: JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
        }
        #expect(try field(#"{"given_name":"A\u0000"}"#) == "given_name")
        #expect(try field(#"{"rows":[{"a":"ok"},{"a":"x\u0001"}]}"#) == "rows[1].a")
        #expect(try field(#"{"notes":"line one\nline two\ttabbed"}"#) == nil)
        #expect(try field(#""\u0000""#) == "")
        #expect(try field(#"{"ok":1,"also":true,"n":null}"#) == nil)
    }

    @Test("the byte scan that skips parsing a JSON body never misses a refused character, and passes plain bodies")
    func jsonByteScan() throws {
        func scan(_ json: String) -> Bool { Data(json.utf8).withUnsafeBytes { ControlCharacters.mayHoldRefused(json: $0) } }
        func firstField(_ json: String) throws -> String? {
            try ControlCharacters.firstField(inJSON: JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
        }
        #expect(!scan(#"{"status":"ATTENDED","row_version":3}"#))
        #expect(!scan(#"{"note":"line one\nline two\ttabbed \"quoted\" back\\slash a\/b é 日本"}"#))
        #expect(!scan(#"{"note":"\\u0000 is an escaped backslash, then text"}"#))
        for refused in [#"{"a":"x\u0000"}"#, #"{"a":"\b"}"#, #"{"a":"\f"}"#, "{\"a\":\"del\u{7F}\"}", "{\"a\":\"c1\u{85}\"}",
                        #"{"a\u0001":1}"#, #"["\u009f"]"#] {
            #expect(scan(refused), "\(refused)")
            #expect(try firstField(refused) != nil, "the parse finds it too: \(refused)")
        }
        // Random strings over a pool rich in the characters at stake, encoded as a client would:
        // whenever the parse finds a refused character, the scan must have said one might be there.
        let pool: [Character] = ["a", "é", "日", "\\", "\"", "/", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}",
                                 "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "u"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
            let json = String(decoding: try JSONEncoder().encode(["field": text]), as: UTF8.self)
            let refused = try firstField(json) != nil
            #expect(refused == ControlCharacters.contains(text, in: .multiLine))
            #expect(!refused || scan(json), "missed: \(json.debugDescription)")
        }
    }

    @Test("sign-in throttle: five failures hold the account 30 s after the last, refusals do not extend it, an address is held after twenty")
    func signInThrottle() {
        var throttle = SignInThrottle()
        let start = ContinuousClock.now
        for second in 0..<4 { throttle.recordFailure(account: "a", address: "1", now: start + .seconds(second)) }
        #expect(throttle.retryAfter(account: "a", address: "1", now: start + .seconds(4)) == nil, "four failures: no wait")
        throttle.recordFailure(account: "a", address: "1", now: start + .seconds(4))
        #expect(throttle.retryAfter(account: "a", address: "1", now: start + .seconds(5)) == .seconds(29))
        #expect(throttle.retryAfter(account: "a", address: "2", now: start + .seconds(5)) == .seconds(29), "the account is held from any address")
        #expect(throttle.retryAfter(account: "b", address: "1", now: start + .seconds(5)) == nil, "other accounts are not")
        #expect(throttle.retryAfter(account: "a", address: "1", now: start + .seconds(34)) == nil, "lifted 30 s after the last failure")
        throttle.recordSuccess(account: "a")
        #expect(throttle.retryAfter(account: "a", address: "1", now: start + .seconds(35)) == nil)

        var addresses = SignInThrottle()
        for index in 0..<20 { addresses.recordFailure(account: "user\(index)", address: "9", now: start + .seconds(index)) }
        #expect(addresses.retryAfter(account: "fresh", address: "9", now: start + .seconds(20)) == .seconds(580),
                "held until the oldest of twenty failures is ten minutes old")
        #expect(addresses.retryAfter(account: "fresh", address: "8", now: start + .seconds(20)) == nil)
        #expect(SignInThrottle.seconds(.milliseconds(1500)) == 2)
        #expect(SignInThrottle.seconds(.zero) == 1)
    }

    @Test("over TLS: the request's scheme, the first X-Forwarded-Proto entry without its blanks in any case, or Forwarded's proto", arguments: [
        ("https", nil, nil, true), (nil, "https", nil, true), (nil, " \tHTTPS , http", nil, true), (nil, "http, https", nil, false),
        (nil, "httpsx", nil, false), (nil, nil, "for=1.2.3.4;Proto=HTTPS", true), (nil, nil, nil, false),
    ] as [(String?, String?, String?, Bool)])
    func arrivedOverTLS(scheme: String?, forwardedProto: String?, forwarded: String?, overTLS: Bool) {
        var fields = HTTPFields()
        if let forwardedProto { fields[.xForwardedProto] = forwardedProto }
        if let forwarded { fields[.forwarded] = forwarded }
        let request = HTTPRequest(method: .get, scheme: scheme, authority: "clinic.example", path: "/", headerFields: fields)
        #expect(SecurityHeaders.arrivedOverTLS(request) == overTLS)
    }

    @Test("the throttled address: the peer, or behind a trusted proxy the last X-Forwarded-For entry (the one the proxy appended)", arguments: [
        ("10.0.0.9", nil as String?, false, "10.0.0.9"), ("10.0.0.9", "203.0.113.7", false, "10.0.0.9"),
        ("10.0.0.9", "203.0.113.7", true, "203.0.113.7"), ("10.0.0.9", "1.2.3.4, 203.0.113.7", true, "203.0.113.7"),
        ("10.0.0.9", " ", true, "10.0.0.9"), ("10.0.0.9", "1.2.3.4,\t203.0.113.7 ", true, "203.0.113.7"), (nil, nil, true, "unknown"),
    ] as [(String?, String?, Bool, String)])
    func throttledAddress(peer: String?, forwardedFor: String?, trustsProxy: Bool, address: String) {
        #expect(ClientAddress.forThrottle(peer: peer, forwardedFor: forwardedFor, trustsProxy: trustsProxy) == address)
    }
}
