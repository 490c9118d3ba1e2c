/// The legacy Arizona (AHCCCS) modifier logic: one fixed code per trigger, used when a profile
/// has no (or an empty) `modifier_conventions` list. This is the only place the table lives.
public enum LegacyModifierTable {
    /// The ten legacy rows, in trigger order, expressed as conventions so that the legacy logic and
    /// profile conventions go through the same compiled selection (which makes parity structural).
    public static let rows: [ModifierConvention] = [
        // HQ: group setting.
        ModifierConvention(code: "HQ", description: "Group setting", trigger: .group),
        // HR: family or couple service with the client present.
        ModifierConvention(code: "HR", description: "Family/couple with client present", trigger: .familyWithPatient),
        // HS: family or couple service without the client present.
        ModifierConvention(code: "HS", description: "Family/couple without client present", trigger: .familyWithoutPatient),
        // 95: synchronous telemedicine over real-time interactive audio and video.
        ModifierConvention(code: "95", description: "Synchronous telehealth, real-time audio and video", trigger: .telehealthAudioVideo),
        // FQ: telehealth service furnished using audio-only communication technology.
        ModifierConvention(code: "FQ", description: "Telehealth furnished using audio-only technology", trigger: .telehealthAudioOnly),
        // GQ: delivered via an asynchronous (store-and-forward) telecommunications system.
        ModifierConvention(code: "GQ", description: "Asynchronous (store-and-forward) telehealth", trigger: .telehealthStoreForward),
        // H9: court-ordered service.
        ModifierConvention(code: "H9", description: "Court-ordered", trigger: .courtOrdered),
        // CG: "policy criteria applied"; the legacy logic adds it for family support partner services.
        ModifierConvention(code: "CG", description: "Policy criteria applied (family support partner)", trigger: .familySupportPartner),
        // U7: state-defined Medicaid level-of-care modifier 7, applied when module settings turn it on.
        ModifierConvention(code: "U7", description: "Medicaid level of care 7, state-defined", trigger: .u7),
        // UB: state-defined Medicaid level-of-care modifier 11, applied when module settings turn it on.
        ModifierConvention(code: "UB", description: "Medicaid level of care 11, state-defined", trigger: .ub),
    ]

    /// The legacy code for a trigger.
    public static func code(for trigger: ModifierTrigger) -> String {
        rows[trigger.orderIndex].code
    }
}
