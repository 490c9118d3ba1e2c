import Platform
import PlatformTesting
import Testing

@Suite("Modifier conventions")
struct CompiledModifierRulesTests {
    private func convention(_ code: String, _ trigger: String) -> ModifierConvention {
        ModifierConvention(code: code, description: "test \(code)", trigger: trigger)
    }

    @Test("California: audio-only telehealth is 93 and never FQ")
    func california() throws {
        let conventions = try #require(californiaProfile.billing?.modifierConventions)
        let rules = CompiledModifierRules(conventions: conventions)
        #expect(rules.mode == .conventions)
        let selection = rules.select(for: EncounterFacts(telehealth: .audioOnly))
        #expect(selection.codes == ["93"])
        #expect(!selection.contains("FQ"))
        #expect(selection.contains("93"))
    }

    /// Conventions fully replace legacy: a trigger with no convention adds nothing.
    static let replacementRows: [(facts: EncounterFacts, codes: [String])] = [
        (EncounterFacts(isGroup: true), ["HQ"]),
        (EncounterFacts(isFamily: true), []),
        (EncounterFacts(isFamily: true, patientPresent: false), []),
        (EncounterFacts(telehealth: .audioVideo), ["95"]),
        (EncounterFacts(telehealth: .storeForward), ["GQ"]),
        (EncounterFacts(isCourtOrdered: true), []),
        (EncounterFacts(isFamilySupportPartner: true), []),
        (EncounterFacts(autoApplyU7: true, autoApplyUB: true), []),
        (EncounterFacts(isGroup: true, telehealth: .audioOnly, isCourtOrdered: true), ["HQ", "93"]),
    ]

    @Test("conventions replace the legacy logic entirely", arguments: replacementRows)
    func replacement(row: (facts: EncounterFacts, codes: [String])) throws {
        let rules = CompiledModifierRules(conventions: try #require(californiaProfile.billing?.modifierConventions))
        #expect(rules.select(for: row.facts).codes == row.codes)
    }

    @Test("unknown triggers are ignored")
    func unknownTriggers() {
        let rules = CompiledModifierRules(conventions: [
            convention("XA", "telehealth_holographic"),
            convention("HQ", "group"),
            convention("XB", ""),
        ])
        #expect(rules.codes == ["HQ"])
        #expect(rules.select(ModifierTriggerSet(ModifierTrigger.allCases)).codes == ["HQ"])
    }

    @Test("only unknown triggers still replace the legacy table (the list is non-empty)")
    func onlyUnknownTriggers() {
        let rules = CompiledModifierRules(conventions: [convention("XA", "future_trigger")])
        #expect(rules.mode == .conventions)
        #expect(rules.select(ModifierTriggerSet(ModifierTrigger.allCases)).isEmpty)
    }

    @Test("duplicate codes appear once")
    func duplicates() {
        let rules = CompiledModifierRules(conventions: [
            convention("HQ", "group"),
            convention("HQ", "group"),
            convention("GT", "telehealth_audio_video"),
            convention("GT", "telehealth_audio_only"),
        ])
        #expect(rules.codes == ["HQ", "GT"])
        let facts = EncounterFacts(isGroup: true, telehealth: .audioVideo)
        #expect(rules.select(for: facts).codes == ["HQ", "GT"])
        #expect(rules.select(for: EncounterFacts(telehealth: .audioOnly)).codes == ["GT"])
    }

    @Test("output order: trigger order first, then profile order within a trigger")
    func stableOrder() {
        // Listed in reverse trigger order; two codes for audio-video keep their profile order.
        let rules = CompiledModifierRules(conventions: [
            convention("UB", "ub"),
            convention("H9", "court_ordered"),
            convention("GT", "telehealth_audio_video"),
            convention("95", "telehealth_audio_video"),
            convention("HQ", "group"),
        ])
        let all = EncounterFacts(isGroup: true, telehealth: .audioVideo, isCourtOrdered: true, autoApplyUB: true)
        #expect(rules.select(for: all).codes == ["HQ", "GT", "95", "H9", "UB"])
        #expect(rules.select(for: EncounterFacts(telehealth: .audioVideo, autoApplyUB: true)).codes == ["GT", "95", "UB"])
    }

    @Test("a code shared by two triggers keeps the place of its first occurrence")
    func sharedCodePlace() {
        let rules = CompiledModifierRules(conventions: [
            convention("ZZ", "telehealth_audio_only"),
            convention("XX", "group"),
            convention("XX", "telehealth_audio_only"),
        ])
        #expect(rules.codes == ["XX", "ZZ"])
        #expect(rules.select(for: EncounterFacts(telehealth: .audioOnly)).codes == ["XX", "ZZ"])
    }

    @Test("malformed codes from an unvalidated profile never reach a claim")
    func malformedCodesSkipped() {
        let rules = CompiledModifierRules(conventions: [
            convention("", "group"),
            convention("hq", "group"),
            convention("HQX", "group"),
            convention("H-", "group"),
            convention("HQ", "group"),
        ])
        #expect(rules.select(for: EncounterFacts(isGroup: true)).codes == ["HQ"])
    }

    @Test("selection accessors agree with the materialised list")
    func selectionAccessors() {
        let rules = CompiledModifierRules(conventions: nil)
        let selection = rules.select(for: EncounterFacts(isGroup: true, isCourtOrdered: true))
        #expect(selection.count == 2)
        #expect(!selection.isEmpty)
        #expect(selection.contains("HQ") && selection.contains("H9"))
        #expect(!selection.contains("HR"))
        #expect(rules.select(for: EncounterFacts()).isEmpty)
        #expect(rules.select(for: EncounterFacts()).codes == [])
    }

    @Test("at most 64 distinct codes are compiled")
    func capacity() {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var conventions: [ModifierConvention] = []
        for first in letters.prefix(3) {
            for second in letters.prefix(30) {
                conventions.append(convention(String([first, second]), "group"))
            }
        }
        let rules = CompiledModifierRules(conventions: conventions)
        #expect(conventions.count == 90)
        #expect(rules.codes.count == 64)
        #expect(rules.select(for: EncounterFacts(isGroup: true)).count == 64)
    }
}
