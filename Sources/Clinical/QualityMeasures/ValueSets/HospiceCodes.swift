/// The procedure codes that show hospice care, for HEDIS's hospice exclusion. NCQA's Hospice
/// Encounter and Hospice Intervention value sets are licensed; these are the public HCPCS hospice
/// codes and SNOMED CT hospice concepts they are built from. Revenue codes (UB-04 0115, 0125, …)
/// are not imported, so they are not listed.
public enum HospiceCodes {
    /// HCPCS: G9473–G9479 (hospice services), Q5003–Q5008 and Q5010 (hospice care by place),
    /// S9126 (hospice care per diem), T2042–T2046 (hospice routine, continuous, respite, inpatient, room and board).
    public static let hcpcs: Set<String> = Set(
        (9473...9479).map { "G\($0)" } + (5003...5008).map { "Q\($0)" } + ["Q5010", "S9126"] + (2042...2046).map { "T\($0)" })

    /// SNOMED CT: hospice care, admissions to hospice, and care by a hospice service.
    public static let snomed: Set<String> = ["385763009", "305336008", "183919006", "183920000", "183921001", "170935008", "170936009",
                                             "305911006"]

    /// The `(code_system, code)` pairs as `cl_external_treatment_events` stores them.
    public static var stored: [(system: ClinicalCodeSystem, code: String)] {
        hcpcs.sorted().map { (.hcpcs, $0) } + snomed.sorted().map { (.snomed, $0) }
    }
}
