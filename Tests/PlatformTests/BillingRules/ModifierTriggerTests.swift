import Platform
import Testing

@Suite("Modifier triggers")
struct ModifierTriggerTests {
    @Test("raw values in the documented order")
    func documentedOrder() {
        #expect(ModifierTrigger.allCases.map(\.rawValue) == [
            "group", "family_with_patient", "family_without_patient",
            "telehealth_audio_video", "telehealth_audio_only", "telehealth_store_forward",
            "court_ordered", "family_support_partner", "u7", "ub",
        ])
        #expect(ModifierTrigger.allCases.map(\.orderIndex) == Array(0..<10))
    }

    /// Each row: facts, and the triggers that must hold (PF-96 trigger table).
    static let conditions: [(name: String, facts: EncounterFacts, triggers: [ModifierTrigger])] = [
        ("nothing", EncounterFacts(), []),
        ("group", EncounterFacts(isGroup: true), [.group]),
        ("family, presence not recorded", EncounterFacts(isFamily: true, patientPresent: nil), [.familyWithPatient]),
        ("family, patient present", EncounterFacts(isFamily: true, patientPresent: true), [.familyWithPatient]),
        ("family, patient absent", EncounterFacts(isFamily: true, patientPresent: false), [.familyWithoutPatient]),
        ("patient absent but not family", EncounterFacts(isFamily: false, patientPresent: false), []),
        ("audio-video", EncounterFacts(telehealth: .audioVideo), [.telehealthAudioVideo]),
        ("audio-only", EncounterFacts(telehealth: .audioOnly), [.telehealthAudioOnly]),
        ("store-and-forward", EncounterFacts(telehealth: .storeForward), [.telehealthStoreForward]),
        ("court ordered", EncounterFacts(isCourtOrdered: true), [.courtOrdered]),
        ("family support partner", EncounterFacts(isFamilySupportPartner: true), [.familySupportPartner]),
        ("auto U7", EncounterFacts(autoApplyU7: true), [.u7]),
        ("auto UB", EncounterFacts(autoApplyUB: true), [.ub]),
        (
            "everything at once",
            EncounterFacts(isGroup: true, isFamily: true, patientPresent: false, telehealth: .audioOnly,
                           isCourtOrdered: true, isFamilySupportPartner: true, autoApplyU7: true, autoApplyUB: true),
            [.group, .familyWithoutPatient, .telehealthAudioOnly, .courtOrdered, .familySupportPartner, .u7, .ub]
        ),
    ]

    @Test("trigger conditions", arguments: conditions)
    func condition(row: (name: String, facts: EncounterFacts, triggers: [ModifierTrigger])) {
        #expect(row.facts.activeTriggers.triggers == row.triggers, "\(row.name)")
        #expect(row.facts.activeTriggers == ModifierTriggerSet(row.triggers))
    }

    @Test("telehealth modality raw values")
    func modalityRawValues() {
        #expect(TelehealthModality.allCases.map(\.rawValue) == ["audio_video", "audio_only", "store_forward"])
    }
}
