import Foundation

/// The resolver's cached resolutions, in an open-addressing table keyed by organization and site.
///
/// A probe is read for every charge evaluated, so the table hashes the ids' own bits (folded and
/// multiplied) instead of seeding and finalizing `Hasher` per probe. The ids are UUIDs the product
/// generates, not keys an outsider chooses, so a keyed hash would buy nothing. The table holds one
/// entry per organization and site with a profile in use; it grows by rebuilding at half full, and
/// dropping an organization rebuilds it without that organization's entries.
struct JurisdictionCacheTable {
    /// An organization, or one of its sites, as the table keys it: the ids' 64-bit halves.
    struct Key: Equatable {
        var organization: (UInt64, UInt64)
        /// Both halves zero for the organization-wide entry (no UUID the product generates is all zeros).
        var site: (UInt64, UInt64)

        init(organizationID: UUID, siteID: UUID?) {
            organization = Self.halves(organizationID)
            site = siteID.map(Self.halves) ?? (0, 0)
        }

        /// The key of an empty slot (never compared: a slot's entry says whether it is used).
        static let unused = Key(organizationID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), siteID: nil)

        /// Well spread for random and sequential ids alike: the halves folded, then multiplied by
        /// the 64-bit golden ratio so that the high bits, which pick the slot, depend on every bit.
        var hash: UInt64 {
            (organization.0 ^ organization.1 ^ (site.0 &* 0x9E37_79B9) ^ site.1) &* 0x9E37_79B9_7F4A_7C15
        }

        func isOrganization(_ halves: (UInt64, UInt64)) -> Bool { organization == halves }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.organization == rhs.organization && lhs.site == rhs.site }

        static func halves(_ id: UUID) -> (UInt64, UInt64) {
            withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        }
    }

    private var keys: [Key]
    private var entries: [JurisdictionResolver.Entry?]
    private var count = 0
    /// log2 of the slot count; a key's first slot is the top `bits` bits of its hash.
    private var bits: Int

    init(bits: Int = 4) {
        self.bits = bits
        keys = Array(repeating: .unused, count: 1 << bits)
        entries = Array(repeating: nil, count: 1 << bits)
    }

    /// The entry for the key, if there is one. One reference is taken; nothing is copied.
    func entry(for key: Key) -> JurisdictionResolver.Entry? {
        let mask = (1 << bits) - 1
        var slot = Int(truncatingIfNeeded: key.hash >> UInt64(64 - bits))
        while let entry = entries[slot] {
            if keys[slot] == key { return entry }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores the entry, replacing the key's previous one.
    mutating func store(_ entry: JurisdictionResolver.Entry, for key: Key) {
        if (count + 1) * 2 > keys.count { rebuild(bits: bits + 1, keeping: { _ in true }) }
        let mask = (1 << bits) - 1
        var slot = Int(truncatingIfNeeded: key.hash >> UInt64(64 - bits))
        while entries[slot] != nil, keys[slot] != key { slot = (slot + 1) & mask }
        if entries[slot] == nil { count += 1 }
        keys[slot] = key
        entries[slot] = entry
    }

    /// Drops every entry of the organization (its own and its sites').
    mutating func removeAll(organizationID: UUID) {
        let organization = Key.halves(organizationID)
        rebuild(bits: bits) { !$0.isOrganization(organization) }
    }

    private mutating func rebuild(bits newBits: Int, keeping keep: (Key) -> Bool) {
        let old = zip(keys, entries).compactMap { key, entry in entry.map { (key, $0) } }
        var table = JurisdictionCacheTable(bits: newBits)
        for (key, entry) in old where keep(key) { table.store(entry, for: key) }
        self = table
    }
}
