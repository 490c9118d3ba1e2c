import Foundation
@testable import Platform
import Testing

@Suite("The jurisdiction cache's table")
struct JurisdictionCacheTableTests {
    static func entry(_ name: String) -> JurisdictionResolver.Entry {
        var resolved = ResolvedJurisdiction.ahcccsDefaults
        resolved.displayName = name
        return JurisdictionResolver.Entry(resolved: resolved, expires: .now + .seconds(300))
    }

    static func key(_ organization: UUID, _ site: UUID? = nil) -> JurisdictionCacheTable.Key {
        JurisdictionCacheTable.Key(organizationID: organization, siteID: site)
    }

    @Test("an organization and each of its sites are separate entries; a stored entry replaces the key's previous one")
    func organizationAndSites() {
        let org = UUID(), site = UUID(), other = UUID()
        var table = JurisdictionCacheTable()
        table.store(Self.entry("org"), for: Self.key(org))
        table.store(Self.entry("site"), for: Self.key(org, site))
        #expect(table.entry(for: Self.key(org))?.resolved.displayName == "org")
        #expect(table.entry(for: Self.key(org, site))?.resolved.displayName == "site")
        #expect(table.entry(for: Self.key(other)) == nil)
        #expect(table.entry(for: Self.key(other, site)) == nil, "the site under another organization is another key")
        table.store(Self.entry("org again"), for: Self.key(org))
        #expect(table.entry(for: Self.key(org))?.resolved.displayName == "org again")
    }

    @Test("thousands of organizations, random and sequential ids, are all found after the table grows")
    func growth() {
        let random = (0..<2_000).map { _ in UUID() }
        // Ids differing in one byte only, the worst case for a hash of the ids' own bits.
        let sequential = (0..<2_000).map { i in UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8(i >> 8), UInt8(i & 0xff))) }
        var table = JurisdictionCacheTable()
        for (index, id) in (random + sequential).enumerated() { table.store(Self.entry("\(index)"), for: Self.key(id)) }
        for (index, id) in (random + sequential).enumerated() {
            #expect(table.entry(for: Self.key(id))?.resolved.displayName == "\(index)")
        }
        #expect(table.entry(for: Self.key(UUID())) == nil)
    }

    @Test("dropping an organization drops its own and its sites' entries and keeps everyone else's")
    func removeOrganization() {
        let org = UUID(), site = UUID(), other = UUID()
        var table = JurisdictionCacheTable()
        table.store(Self.entry("org"), for: Self.key(org))
        table.store(Self.entry("site"), for: Self.key(org, site))
        table.store(Self.entry("other"), for: Self.key(other))
        table.store(Self.entry("other site"), for: Self.key(other, site))
        table.removeAll(organizationID: org)
        #expect(table.entry(for: Self.key(org)) == nil)
        #expect(table.entry(for: Self.key(org, site)) == nil)
        #expect(table.entry(for: Self.key(other))?.resolved.displayName == "other")
        #expect(table.entry(for: Self.key(other, site))?.resolved.displayName == "other site")
    }
}
