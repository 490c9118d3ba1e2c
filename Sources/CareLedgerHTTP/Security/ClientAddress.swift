/// The client address sign-in throttling counts against. Without a trusted proxy it is the TCP
/// peer. Behind one (`serve --behind-proxy`), every request's peer is the proxy, so the address is
/// the last `X-Forwarded-For` entry: the one the proxy itself appended, naming whoever connected to
/// it. Earlier entries come from the client and are not believed.
enum ClientAddress {
    static func forThrottle(peer: String?, forwardedFor: String?, trustsProxy: Bool) -> String {
        if trustsProxy,
           let last = forwardedFor?.split(separator: ",").last.map(HeaderValue.trimmed), !last.isEmpty {
            return String(last)
        }
        return peer ?? "unknown"
    }
}
