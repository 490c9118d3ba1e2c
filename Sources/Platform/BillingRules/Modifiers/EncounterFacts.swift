/// The facts about an encounter that decide which modifier triggers hold.
public struct EncounterFacts: Sendable, Hashable, Codable {
    /// The service was delivered to a group.
    public var isGroup: Bool
    /// The service was a family service.
    public var isFamily: Bool
    /// Whether the patient attended a family service; `nil` means not recorded.
    public var patientPresent: Bool?
    /// The telehealth modality, or `nil` for an in-person service.
    public var telehealth: TelehealthModality?
    /// The service was court-ordered.
    public var isCourtOrdered: Bool
    /// A family support partner delivered the service.
    public var isFamilySupportPartner: Bool
    /// The organization's module settings auto-apply U7.
    public var autoApplyU7: Bool
    /// The organization's module settings auto-apply UB.
    public var autoApplyUB: Bool

    /// Creates encounter facts; everything defaults to an in-person individual service.
    public init(
        isGroup: Bool = false,
        isFamily: Bool = false,
        patientPresent: Bool? = nil,
        telehealth: TelehealthModality? = nil,
        isCourtOrdered: Bool = false,
        isFamilySupportPartner: Bool = false,
        autoApplyU7: Bool = false,
        autoApplyUB: Bool = false
    ) {
        self.isGroup = isGroup
        self.isFamily = isFamily
        self.patientPresent = patientPresent
        self.telehealth = telehealth
        self.isCourtOrdered = isCourtOrdered
        self.isFamilySupportPartner = isFamilySupportPartner
        self.autoApplyU7 = autoApplyU7
        self.autoApplyUB = autoApplyUB
    }

    /// The triggers that hold, per the PF-96 trigger table. Pure bit arithmetic, no allocation:
    /// each fact sets its trigger's bit (``ModifierTrigger/orderIndex``) with no call per trigger.
    public var activeTriggers: ModifierTriggerSet {
        func bit(_ holds: Bool, _ trigger: ModifierTrigger) -> UInt16 { UInt16(holds ? 1 : 0) << UInt16(trigger.orderIndex) }
        // Presence that was not recorded counts as present: only an explicit `false` selects
        // the without-patient trigger (PF-96: `isFamily && patientPresent !== false`).
        let withoutPatient = patientPresent == false
        let telehealthBit: UInt16 = switch telehealth {
        case .audioVideo: bit(true, .telehealthAudioVideo)
        case .audioOnly: bit(true, .telehealthAudioOnly)
        case .storeForward: bit(true, .telehealthStoreForward)
        case nil: 0
        }
        return ModifierTriggerSet(rawValue: bit(isGroup, .group)
            | bit(isFamily && !withoutPatient, .familyWithPatient)
            | bit(isFamily && withoutPatient, .familyWithoutPatient)
            | telehealthBit
            | bit(isCourtOrdered, .courtOrdered)
            | bit(isFamilySupportPartner, .familySupportPartner)
            | bit(autoApplyU7, .u7)
            | bit(autoApplyUB, .ub))
    }
}
