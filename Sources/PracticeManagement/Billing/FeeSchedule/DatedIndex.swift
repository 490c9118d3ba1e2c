import Platform

/// Entries keyed by a name and an optional payer, each list sorted so the first entry covering a
/// date is the one that wins. Built once; a lookup is one hash probe on the name, then short scans
/// (payers per name are few, and comparing two small strings is cheaper than hashing one).
struct DatedIndex<Value: Sendable>: Sendable {
    struct Key: Sendable, Hashable {
        var name: String
        var payerID: String?
    }

    struct Entry: Sendable {
        var period: EffectivePeriod
        var value: Value
    }

    struct PayerEntries: Sendable {
        var payerID: String
        var entries: [Entry]
    }

    struct Bucket: Sendable {
        var payerSpecific: [PayerEntries] = []
        var organizationWide: [Entry] = []
    }

    enum Lookup {
        case found(Value)
        /// Entries exist for the name (for this payer or organization-wide) but none is in force.
        case notInForce
        case notFound
    }

    private var buckets: [String: Bucket] = [:]

    /// Sorts each list by effective start, latest first; equal starts keep input order, so the
    /// earlier-listed entry wins a tie.
    init(_ items: [(key: Key, period: EffectivePeriod, value: Value)]) {
        var grouped: [Key: [(offset: Int, entry: Entry)]] = [:]
        var keyOrder: [Key] = []
        for (offset, item) in items.enumerated() {
            if grouped[item.key] == nil { keyOrder.append(item.key) }
            grouped[item.key, default: []].append((offset, Entry(period: item.period, value: item.value)))
        }
        for key in keyOrder {
            let sorted = (grouped[key] ?? []).sorted { lhs, rhs in
                lhs.entry.period.effectiveFrom != rhs.entry.period.effectiveFrom
                    ? lhs.entry.period.effectiveFrom > rhs.entry.period.effectiveFrom
                    : lhs.offset < rhs.offset
            }.map(\.entry)
            if let payerID = key.payerID {
                buckets[key.name, default: Bucket()].payerSpecific.append(PayerEntries(payerID: payerID, entries: sorted))
            } else {
                buckets[key.name, default: Bucket()].organizationWide = sorted
            }
        }
    }

    /// A payer-specific entry in force beats the organization-wide one, whatever their start dates;
    /// within one list the latest effective start wins.
    func lookup(_ name: String, payerID: String?, on date: ServiceDate) -> Lookup {
        guard let bucket = buckets[name] else { return .notFound }
        var sawEntries = false
        if let payerID {
            for payer in bucket.payerSpecific where payer.payerID == payerID {
                sawEntries = true
                for entry in payer.entries where entry.period.contains(date) { return .found(entry.value) }
            }
        }
        if !bucket.organizationWide.isEmpty {
            sawEntries = true
            for entry in bucket.organizationWide where entry.period.contains(date) { return .found(entry.value) }
        }
        return sawEntries ? .notInForce : .notFound
    }
}
