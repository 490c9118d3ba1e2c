/// Whether a request may try the database, after failures said it is down.
///
/// Once a lease times out or a connection fails, the database is known to be down: requests are
/// refused at once (503) instead of each waiting the whole `connectionWait`. After `retryAfter` one
/// request is let through as a probe; if it gets a connection the database is up again for
/// everyone, if it fails the wait starts over. A plain value: `Database` keeps it under a lock.
public struct DatabaseAvailability: Sendable, Equatable {
    public enum Admission: Sendable, Equatable { case proceed, probe, refuse }

    /// How long requests are refused after a failure before one probes again.
    public let retryAfter: Duration
    /// Set while the database is known to be down: when the next probe may go.
    public private(set) var downUntil: ContinuousClock.Instant?
    public private(set) var probing = false

    public init(retryAfter: Duration = .seconds(1)) {
        self.retryAfter = retryAfter
    }

    public var isKnownDown: Bool { downUntil != nil }

    /// Decides one request's fate at `now`.
    public mutating func admit(at now: ContinuousClock.Instant) -> Admission {
        guard let downUntil else { return .proceed }
        guard now >= downUntil, !probing else { return .refuse }
        probing = true
        return .probe
    }

    /// A connection was leased: the database is up.
    public mutating func succeeded() {
        downUntil = nil
        probing = false
    }

    /// A lease timed out or a connection failed at `now`.
    public mutating func failed(at now: ContinuousClock.Instant) {
        downUntil = now + retryAfter
        probing = false
    }
}
