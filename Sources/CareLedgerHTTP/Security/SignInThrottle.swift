/// How many wrong passwords sign-in tolerates, per account and per client address.
///
/// - Per account: after `accountLimit` failures within `accountWindow`, the account waits
///   `accountLockout` after its latest failure. Attempts refused while it waits are not counted,
///   so an attacker cannot stretch a lockout: a real user is kept out at most `accountLockout` past
///   the attacker's last counted guess, and every counted guess spends the attacker's address budget.
/// - Per client address: after `addressLimit` failures within `addressWindow`, that address waits
///   until its oldest failure leaves the window, whatever account it names.
/// A successful sign-in clears its account's failures (not its address's).
/// A plain value; the server keeps one per process under a lock, so the limits are per process.
struct SignInThrottle: Sendable {
    struct Policy: Sendable {
        var accountLimit = 5
        var accountWindow: Duration = .seconds(15 * 60)
        var accountLockout: Duration = .seconds(30)
        var addressLimit = 20
        var addressWindow: Duration = .seconds(10 * 60)
        /// Keys kept at most; beyond it, keys with no failure in their window are dropped first.
        var capacity = 50_000
    }

    let policy: Policy
    private(set) var accountFailures: [String: [ContinuousClock.Instant]] = [:]
    private(set) var addressFailures: [String: [ContinuousClock.Instant]] = [:]

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// How long the caller must wait before this attempt may be checked; nil when it may go now.
    func retryAfter(account: String, address: String, now: ContinuousClock.Instant) -> Duration? {
        var waits: [Duration] = []
        let accountRecent = Self.recent(accountFailures[account], within: policy.accountWindow, now: now)
        if accountRecent.count >= policy.accountLimit, let last = accountRecent.last, now < last + policy.accountLockout {
            waits.append(last + policy.accountLockout - now)
        }
        let addressRecent = Self.recent(addressFailures[address], within: policy.addressWindow, now: now)
        if addressRecent.count >= policy.addressLimit, let oldest = addressRecent.first {
            waits.append(oldest + policy.addressWindow - now)
        }
        return waits.max()
    }

    mutating func recordFailure(account: String, address: String, now: ContinuousClock.Instant) {
        if accountFailures.count + addressFailures.count >= policy.capacity { prune(now: now) }
        accountFailures[account] = Self.recent(accountFailures[account], within: policy.accountWindow, now: now) + [now]
        addressFailures[address] = Self.recent(addressFailures[address], within: policy.addressWindow, now: now) + [now]
    }

    mutating func recordSuccess(account: String) {
        accountFailures[account] = nil
    }

    /// Whole seconds for `Retry-After`, rounded up so a client that waits that long is let in.
    static func seconds(_ wait: Duration) -> Int {
        let (seconds, attoseconds) = wait.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    private static func recent(_ failures: [ContinuousClock.Instant]?, within window: Duration,
                               now: ContinuousClock.Instant) -> [ContinuousClock.Instant] {
        (failures ?? []).filter { now - $0 < window }
    }

    private mutating func prune(now: ContinuousClock.Instant) {
        accountFailures = accountFailures.compactMapValues { list in
            let kept = Self.recent(list, within: policy.accountWindow, now: now)
            return kept.isEmpty ? nil : kept
        }
        addressFailures = addressFailures.compactMapValues { list in
            let kept = Self.recent(list, within: policy.addressWindow, now: now)
            return kept.isEmpty ? nil : kept
        }
        if accountFailures.count + addressFailures.count >= policy.capacity {
            accountFailures.removeAll()
            addressFailures.removeAll()
        }
    }
}
