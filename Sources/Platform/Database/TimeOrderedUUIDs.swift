public import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// `count` time-ordered (version 7, RFC 9562) UUIDs for rows written together, ascending in the
    /// order given. The first 48 bits are the Unix time in milliseconds, so ids made later sort
    /// after earlier ones and a batch's rows sit side by side under a key that leads with them:
    /// an index takes them at its right edge instead of at random leaves, and a reader finds a
    /// batch's rows on the same few pages. The other 74 bits (after the version and variant) are
    /// one random draw per batch, counted up by one per id, which keeps the batch ascending
    /// within its millisecond and two batches of one millisecond apart with the odds of random ids.
    ///
    /// They reveal when they were made, to the millisecond: use them where the row records that
    /// anyway (the event outbox's `occurred_at`), and `random()` elsewhere.
    public static func timeOrdered(count: Int, at time: Date = Date()) -> [UUID] {
        guard count > 0 else { return [] }
        var draw: (UInt16, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &draw) { arc4random_buf($0.baseAddress!, $0.count) }
        return timeOrdered(count: count, milliseconds: UInt64(max(0, time.timeIntervalSince1970 * 1000)), draw: draw)
    }

    /// The ids from a given time and random draw (separate so the counter's carry can be tested).
    static func timeOrdered(count: Int, milliseconds: UInt64, draw: (UInt16, UInt64)) -> [UUID] {
        // The counter's 74 bits: 12 high (its top bit left clear, so no batch can carry into the
        // version bits) and 62 low.
        var high = draw.0 & 0x07FF
        var low = draw.1 & 0x3FFF_FFFF_FFFF_FFFF
        var ids: [UUID] = []
        ids.reserveCapacity(count)
        for _ in 0..<count {
            ids.append(UUID(version7Milliseconds: milliseconds, counterHigh: high, counterLow: low))
            low += 1
            if low > 0x3FFF_FFFF_FFFF_FFFF { low = 0; high += 1 }
        }
        return ids
    }

    private init(version7Milliseconds milliseconds: UInt64, counterHigh high: UInt16, counterLow low: UInt64) {
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        self.init(uuid: (
            byte(milliseconds, 40), byte(milliseconds, 32), byte(milliseconds, 24), byte(milliseconds, 16),
            byte(milliseconds, 8), byte(milliseconds, 0),
            0x70 | UInt8(truncatingIfNeeded: high >> 8), UInt8(truncatingIfNeeded: high),
            0x80 | byte(low, 56), byte(low, 48), byte(low, 40), byte(low, 32),
            byte(low, 24), byte(low, 16), byte(low, 8), byte(low, 0)))
    }
}
