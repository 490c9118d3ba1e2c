import Foundation
import Platform

/// Entries keyed by a name and an optional payer, each list sorted so the first entry covering a
/// date is the one that wins. Built once; a lookup finds the name through a small open-addressing
/// table (a hash of its length and end bytes, then one string comparison), then scans short lists
/// held in flat arrays. It copies no array and hashes nothing with `Hasher`, so it retains nothing
/// and allocates nothing: `bench rules` evaluates millions of charges a second through it.
struct DatedIndex<Value: Sendable>: Sendable {
    struct Key: Sendable, Hashable {
        var name: String
        var payerID: UUID?
    }

    struct Entry: Sendable {
        var period: EffectivePeriod
        var value: Value
    }

    enum Lookup {
        case found(Value)
        /// Entries exist for the name (for this payer or organization-wide) but none is in force.
        case notInForce
        case notFound
    }

    /// Where a name's lists lie in the flat arrays.
    private struct NameLists: Sendable {
        var payerLists: Range<Int>
        var organizationWide: Range<Int>
    }

    private var names: [String] = []
    private var listsByName: [NameLists] = []
    /// Payer-specific lists: the payer and its entries' range in `entries`.
    private var payerIDs: [UUID] = []
    private var payerEntries: [Range<Int>] = []
    private var entries: [Entry] = []
    /// Slot → index into `names`, or -1; the count is a power of two at least twice the names.
    private var slots: [Int32] = [-1]

    /// Sorts each list by effective start, latest first; equal starts keep input order, so the
    /// earlier-listed entry wins a tie.
    init(_ items: [(key: Key, period: EffectivePeriod, value: Value)]) {
        var grouped: [Key: [(offset: Int, entry: Entry)]] = [:]
        var keyOrder: [Key] = []
        for (offset, item) in items.enumerated() {
            if grouped[item.key] == nil { keyOrder.append(item.key) }
            grouped[item.key, default: []].append((offset, Entry(period: item.period, value: item.value)))
        }
        var payerListsByName: [String: [(payerID: UUID, entries: [Entry])]] = [:]
        var organizationWideByName: [String: [Entry]] = [:]
        var nameOrder: [String] = []
        for key in keyOrder {
            let sorted = (grouped[key] ?? []).sorted { lhs, rhs in
                lhs.entry.period.effectiveFrom != rhs.entry.period.effectiveFrom
                    ? lhs.entry.period.effectiveFrom > rhs.entry.period.effectiveFrom
                    : lhs.offset < rhs.offset
            }.map(\.entry)
            if payerListsByName[key.name] == nil && organizationWideByName[key.name] == nil { nameOrder.append(key.name) }
            if let payerID = key.payerID {
                payerListsByName[key.name, default: []].append((payerID, sorted))
            } else {
                organizationWideByName[key.name] = sorted
            }
        }
        for name in nameOrder {
            let firstPayerList = payerIDs.count
            for list in payerListsByName[name] ?? [] {
                payerIDs.append(list.payerID)
                payerEntries.append(entries.count..<entries.count + list.entries.count)
                entries += list.entries
            }
            let organizationWide = entries.count..<entries.count + (organizationWideByName[name]?.count ?? 0)
            entries += organizationWideByName[name] ?? []
            names.append(name)
            listsByName.append(NameLists(payerLists: firstPayerList..<payerIDs.count, organizationWide: organizationWide))
        }
        var capacity = 2
        while capacity < names.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        for (index, name) in names.enumerated() {
            var slot = Self.hash(name) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// A payer-specific entry in force beats the organization-wide one, whatever their start dates;
    /// within one list the latest effective start wins.
    func lookup(_ name: String, payerID: UUID?, on date: ServiceDate) -> Lookup {
        guard let index = nameIndex(name) else { return .notFound }
        let lists = listsByName[index]
        var sawEntries = false
        if let payerID {
            for list in lists.payerLists where payerIDs[list] == payerID {
                sawEntries = true
                for entry in payerEntries[list] where entries[entry].period.contains(date) { return .found(entries[entry].value) }
            }
        }
        if !lists.organizationWide.isEmpty {
            sawEntries = true
            for entry in lists.organizationWide where entries[entry].period.contains(date) { return .found(entries[entry].value) }
        }
        return sawEntries ? .notInForce : .notFound
    }

    private func nameIndex(_ name: String) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if names[index] == name { return index }
            slot = (slot + 1) & mask
        }
    }

    /// The length and at most the first and last eight UTF-8 bytes, multiplied by the 64-bit golden
    /// ratio: a handful of instructions whatever the length, where `Hasher` seeds and finalizes
    /// SipHash for every lookup and a byte-at-a-time hash waits on one multiplication per byte. Names
    /// that agree on those bytes only share a probe sequence; the full comparison still decides.
    /// The names are the organization's own configuration, not attacker-chosen keys, so a keyed
    /// hash buys nothing here.
    private static func hash(_ name: String) -> Int {
        func mix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let count = bytes.count
            var word = UInt64(truncatingIfNeeded: count)
            if count >= 8 {
                let raw = UnsafeRawBufferPointer(bytes)
                word ^= raw.loadUnaligned(as: UInt64.self) ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self).byteSwapped
            } else {
                for byte in bytes { word = word << 8 | UInt64(byte) }
            }
            let mixed = word &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
        }
        // Native and small strings expose their bytes directly (every string on Linux does).
        return name.utf8.withContiguousStorageIfAvailable(mix) ?? ContiguousArray(name.utf8).withUnsafeBufferPointer(mix)
    }
}
