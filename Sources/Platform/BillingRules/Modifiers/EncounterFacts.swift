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

    /// The triggers that hold, per the PF-96 trigger table. Pure bit arithmetic, no allocation.
    public var activeTriggers: ModifierTriggerSet {
        var set = ModifierTriggerSet()
        if isGroup { set.insert(.group) }
        // Presence that was not recorded counts as present: only an explicit `false` selects
        // the without-patient trigger (PF-96: `isFamily && patientPresent !== false`).
        if isFamily {
            set.insert(patientPresent == false ? .familyWithoutPatient : .familyWithPatient)
        }
        switch telehealth {
        case .audioVideo: set.insert(.telehealthAudioVideo)
        case .audioOnly: set.insert(.telehealthAudioOnly)
        case .storeForward: set.insert(.telehealthStoreForward)
        case nil: break
        }
        if isCourtOrdered { set.insert(.courtOrdered) }
        if isFamilySupportPartner { set.insert(.familySupportPartner) }
        if autoApplyU7 { set.insert(.u7) }
        if autoApplyUB { set.insert(.ub) }
        return set
    }
}
