/// An encounter condition that can add a modifier (PF-96 supported triggers).
///
/// The case order is the documented output order of selected modifiers: modifiers are listed by
/// trigger in this order, then by their position in the profile within one trigger.
public enum ModifierTrigger: String, Sendable, Hashable, Codable, CaseIterable {
    /// The service was delivered to a group.
    case group
    /// A family service with the patient present (or presence not recorded).
    case familyWithPatient = "family_with_patient"
    /// A family service with the patient recorded as absent.
    case familyWithoutPatient = "family_without_patient"
    /// Telehealth over real-time audio and video.
    case telehealthAudioVideo = "telehealth_audio_video"
    /// Telehealth over real-time audio only.
    case telehealthAudioOnly = "telehealth_audio_only"
    /// Asynchronous (store-and-forward) telehealth.
    case telehealthStoreForward = "telehealth_store_forward"
    /// The service was ordered by a court.
    case courtOrdered = "court_ordered"
    /// The service was delivered by a family support partner.
    case familySupportPartner = "family_support_partner"
    /// The organization's module settings auto-apply U7.
    case u7
    /// The organization's module settings auto-apply UB.
    case ub

    /// Position in the documented order; also the bit used in ``ModifierTriggerSet``.
    /// A switch rather than `allCases.firstIndex` so the hot path never builds an array.
    public var orderIndex: Int {
        switch self {
        case .group: 0
        case .familyWithPatient: 1
        case .familyWithoutPatient: 2
        case .telehealthAudioVideo: 3
        case .telehealthAudioOnly: 4
        case .telehealthStoreForward: 5
        case .courtOrdered: 6
        case .familySupportPartner: 7
        case .u7: 8
        case .ub: 9
        }
    }
}
