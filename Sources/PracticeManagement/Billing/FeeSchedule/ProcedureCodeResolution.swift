/// The procedure code for a service, or why there is none.
public enum ProcedureCodeResolution: Sendable, Hashable {
    /// The mapped procedure code.
    case code(String)
    /// No mapping exists for the service type (for this payer or organization-wide).
    case unmappedServiceType
    /// Mappings exist, but none is in force on the date of service.
    case noMappingOnDate

    /// The code, if one was found.
    public var code: String? {
        if case .code(let code) = self { code } else { nil }
    }
}
