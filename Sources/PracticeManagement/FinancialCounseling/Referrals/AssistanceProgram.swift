/// The assistance programs a counselor refers a patient to (PM-02 via PM-32).
public enum AssistanceProgram: String, Sendable, Hashable, Codable, CaseIterable {
    /// Arizona's Medicaid (AHCCCS) or another state's Medicaid.
    case ahcccsMedicaid = "ahcccs_medicaid"
    /// KidsCare, Arizona's CHIP.
    case kidscareChip = "kidscare_chip"
    /// A health-insurance marketplace plan.
    case marketplace
    /// A Medicare Savings Program.
    case medicareSavings = "medicare_savings"
    /// A manufacturer's or charity's pharmaceutical assistance program.
    case pharmaceuticalAssistance = "pharmaceutical_assistance"
    case other
}
