import Platform
import PlatformTesting
import Foundation
import Testing

@Suite("Jurisdiction profile JSON")
struct JurisdictionProfileCodingTests {
    private let storedJSON = """
    {
      "display_name": "Medi-Cal",
      "state_code": "CA",
      "financial_clearance_threshold": 75000,
      "billing": {
        "min_billable_minutes": 8,
        "timed_code_unit_minutes": 15,
        "modifier_conventions": [
          {"code": "93", "description": "Synchronous audio-only telehealth", "trigger": "telehealth_audio_only"},
          {"code": "XZ", "description": "From a newer release", "trigger": "telehealth_holographic"}
        ]
      },
      "clinical": {
        "iop_php_compliance": {"iop_min_hours_per_week": 7.5, "php_min_days_per_week": 4}
      }
    }
    """

    @Test("decodes the stored snake_case shape, keeping unknown triggers")
    func decode() throws {
        let profile = try JSONDecoder().decode(JurisdictionProfile.self, from: Data(storedJSON.utf8))
        #expect(profile.displayName == "Medi-Cal")
        #expect(profile.stateCode == "CA")
        #expect(profile.billing?.minBillableMinutes == 8)
        #expect(profile.billing?.timedCodeUnitMinutes == 15)
        #expect(profile.billing?.modifierConventions?.map(\.trigger) == ["telehealth_audio_only", "telehealth_holographic"])
        #expect(profile.billing?.modifierConventions?.map(\.knownTrigger) == [.telehealthAudioOnly, nil])
        #expect(profile.iopPhpCompliance == IOPPHPThresholdOverrides(iopMinHoursPerWeek: 7.5, phpMinDaysPerWeek: 4))
        #expect(profile.financialClearanceThreshold == 75_000)
        // The threshold has no AHCCCS default: resolution passes it on as set, or nil.
        #expect(resolveJurisdictionProfile(siteProfile: nil, organizationProfile: profile).financialClearanceThreshold == 75_000)
        #expect(resolveJurisdictionProfile(siteProfile: nil, organizationProfile: JurisdictionProfile()).financialClearanceThreshold == nil)
        #expect(ResolvedJurisdiction.ahcccsDefaults.financialClearanceThreshold == nil)
    }

    @Test("round-trips through JSON")
    func roundTrip() throws {
        let original = try JSONDecoder().decode(JurisdictionProfile.self, from: Data(storedJSON.utf8))
        let encoded = try JSONEncoder().encode(original)
        #expect(try JSONDecoder().decode(JurisdictionProfile.self, from: encoded) == original)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"iop_php_compliance\""))
        #expect(text.contains("\"modifier_conventions\""))
        #expect(text.contains("\"financial_clearance_threshold\":75000"))
    }

    @Test("an empty object is a profile with every part missing")
    func emptyObject() throws {
        let profile = try JSONDecoder().decode(JurisdictionProfile.self, from: Data("{}".utf8))
        #expect(profile == JurisdictionProfile())
        let encoded = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect(encoded == "{}")
    }

    @Test("clinical without iop_php_compliance, or null, decodes to no overrides", arguments: [
        #"{"clinical": {}}"#, #"{"clinical": null}"#,
    ])
    func clinicalWithoutOverrides(json: String) throws {
        let profile = try JSONDecoder().decode(JurisdictionProfile.self, from: Data(json.utf8))
        #expect(profile.iopPhpCompliance == nil)
    }

    @Test("service dates encode as YYYY-MM-DD and reject impossible days")
    func serviceDateCoding() throws {
        let encoded = try JSONEncoder().encode([day("2026-02-03")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-02-03"]"#)
        #expect(try JSONDecoder().decode([ServiceDate].self, from: encoded) == [day("2026-02-03")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ServiceDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
