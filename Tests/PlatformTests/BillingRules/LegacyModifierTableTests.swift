import Platform
import Testing

@Suite("Legacy AHCCCS modifier table")
struct LegacyModifierTableTests {
    /// The seed's table, one row per trigger.
    static let rows: [(trigger: ModifierTrigger, code: String)] = [
        (.group, "HQ"),
        (.familyWithPatient, "HR"),
        (.familyWithoutPatient, "HS"),
        (.telehealthAudioVideo, "95"),
        (.telehealthAudioOnly, "FQ"),
        (.telehealthStoreForward, "GQ"),
        (.courtOrdered, "H9"),
        (.familySupportPartner, "CG"),
        (.u7, "U7"),
        (.ub, "UB"),
    ]

    @Test("each trigger alone adds exactly its legacy code", arguments: rows)
    func row(row: (trigger: ModifierTrigger, code: String)) {
        let rules = CompiledModifierRules(conventions: nil)
        #expect(rules.mode == .legacy)
        #expect(rules.select(ModifierTriggerSet(row.trigger)).codes == [row.code])
        #expect(LegacyModifierTable.code(for: row.trigger) == row.code)
    }

    @Test("the table is in trigger order and every row says what its code means")
    func tableShape() {
        #expect(LegacyModifierTable.rows.map(\.code) == Self.rows.map(\.code))
        #expect(LegacyModifierTable.rows.map(\.knownTrigger) == Self.rows.map(\.trigger))
        #expect(LegacyModifierTable.rows.allSatisfy { !$0.description.isEmpty })
    }

    @Test("all triggers at once give all ten codes in order")
    func allTriggers() {
        let rules = CompiledModifierRules(conventions: nil)
        let selection = rules.select(ModifierTriggerSet(ModifierTrigger.allCases))
        #expect(selection.codes == ["HQ", "HR", "HS", "95", "FQ", "GQ", "H9", "CG", "U7", "UB"])
        #expect(selection.count == 10)
    }

    @Test("an empty convention list is the legacy table too")
    func emptyListIsLegacy() {
        let rules = CompiledModifierRules(conventions: [])
        #expect(rules.mode == .legacy)
        #expect(rules.select(for: EncounterFacts(telehealth: .audioOnly)).codes == ["FQ"])
    }
}
