import Foundation
import Platform
import Testing

/// The resolution keeps its values in one shared box; it must still behave as a plain value.
@Suite("A resolved jurisdiction is a value")
struct ResolvedJurisdictionValueTests {
    static let texas = JurisdictionProfile(displayName: "Texas Medicaid", stateCode: "TX",
                                           billing: BillingRulesConfig(minBillableMinutes: 10, timedCodeUnitMinutes: 15, modifierConventions: nil))

    @Test("setting a property of a copy leaves the original as it was, for every property")
    func copiesAreIndependent() {
        let original = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: Self.texas)
        let changes: [(String, (inout ResolvedJurisdiction) -> Void)] = [
            ("source", { $0.source = .site(id: "north") }),
            ("displayName", { $0.displayName = "Other" }),
            ("stateCode", { $0.stateCode = nil }),
            ("billing", { $0.billing.minBillableMinutes = 16 }),
            ("iopPhp", { $0.iopPhp.phpMinDaysPerWeek = 3 }),
            ("fallbacks", { $0.fallbacks.insert(.displayName) }),
            ("lookupFailed", { $0.lookupFailed = true }),
            ("financialClearanceThreshold", { $0.financialClearanceThreshold = 50_000 }),
        ]
        for (name, change) in changes {
            var copy = original
            change(&copy)
            #expect(copy != original, "changing \(name) changes the copy")
            #expect(original == resolveJurisdictionProfile(siteProfile: nil, organizationProfile: Self.texas), "changing \(name) of a copy left the original")
        }
    }

    @Test("equal values made apart are equal and hash alike; different values are not equal")
    func equalityIsByValue() {
        let first = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: Self.texas)
        let second = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: Self.texas)
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(first != ResolvedJurisdiction.ahcccsDefaults)
        var renamed = second
        renamed.displayName = "Texas Medicaid"  // set back to the same value: a new box, still equal
        #expect(renamed == first)
    }

    @Test("JSON has the values' own keys and round-trips")
    func coding() throws {
        let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: Self.texas)
        let data = try JSONEncoder().encode(resolved)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["source", "displayName", "stateCode", "billing", "iopPhp", "fallbacks", "lookupFailed"])
        #expect(try JSONDecoder().decode(ResolvedJurisdiction.self, from: data) == resolved)
    }
}
