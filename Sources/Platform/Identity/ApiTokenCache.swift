public import Foundation
import Crypto

/// Remembers, for a few seconds, the principal a bearer token authenticated as, so a client
/// that sends many requests does not pay a database transaction per request to prove the same
/// token again. The trade-off: a token revoked (or expiring) in the database keeps working in
/// this process until its entry is `lifetime` old. A lifetime of zero turns the cache off.
///
/// Entries are keyed by the token's SHA-256, never by the secret itself. Only successful
/// lookups are kept: an unknown token is checked against the database every time, so a newly
/// minted token works at once and guessing cannot fill the cache.
public final class ApiTokenCache: Sendable {
    public static let defaultLifetime: Duration = .seconds(5)
    /// Enough for every active integration of a busy process; when full, the cache is emptied
    /// rather than tracking recency on every hit.
    static let capacity = 10_000

    struct Entry: Sendable {
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    public let lifetime: Duration
    private let entries = LockedValue<[Data: Entry]>([:])

    public init(lifetime: Duration = ApiTokenCache.defaultLifetime) {
        self.lifetime = lifetime
    }

    /// The cached principal for `secret`, if one was stored less than `lifetime` ago.
    public func principal(for secret: String, now: ContinuousClock.Instant = .now) -> Principal? {
        guard lifetime > .zero else { return nil }
        let key = Self.key(secret)
        return entries.withValue { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Remembers that `secret` authenticated as `principal`.
    public func store(_ principal: Principal, for secret: String, now: ContinuousClock.Instant = .now) {
        guard lifetime > .zero else { return }
        let key = Self.key(secret)
        let entry = Entry(principal: principal, expires: now + lifetime)
        entries.withValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// Forgets every entry for the token `id`, so a revocation made by this process applies to it at once.
    public func evict(tokenID id: UUID) {
        entries.withValue { entries in entries = entries.filter { $0.value.principal.tokenID != id } }
    }

    static func key(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }
}
