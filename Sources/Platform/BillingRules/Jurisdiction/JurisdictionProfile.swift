/// A stored PF-96 jurisdiction profile of an organization or a site; every part is optional.
///
/// The JSON uses the stored snake_case keys: `display_name`, `state_code`, `billing`
/// and `clinical.iop_php_compliance`. A profile is checked with ``validate(_:)`` when saved and
/// turned into effective rules by ``resolveJurisdictionProfile(siteProfile:organizationProfile:lookupFailed:)``.
public struct JurisdictionProfile: Sendable, Hashable, Codable {
    /// Program label shown in the UI, e.g. "Medi-Cal"; "AHCCCS" when unset.
    public var displayName: String?
    /// Two-letter state code, e.g. "CA".
    public var stateCode: String?
    /// Billing rules (`billing.*`); `nil` when the key is missing, which falls back as a whole.
    public var billing: BillingRulesConfig?
    /// IOP/PHP compliance overrides (`clinical.iop_php_compliance`).
    public var iopPhpCompliance: IOPPHPThresholdOverrides?
    /// Cents of estimated patient responsibility above which a cost estimate opens a
    /// financial-counseling referral (`financial_clearance_threshold`, seed 002). Unlike the other
    /// keys it does not fall back to an AHCCCS default: unset, the organization's module setting
    /// applies, then $1,000.
    public var financialClearanceThreshold: Int?

    /// Creates a profile; omitted parts fall back to the AHCCCS defaults.
    public init(
        displayName: String? = nil,
        stateCode: String? = nil,
        billing: BillingRulesConfig? = nil,
        iopPhpCompliance: IOPPHPThresholdOverrides? = nil,
        financialClearanceThreshold: Int? = nil
    ) {
        self.displayName = displayName
        self.stateCode = stateCode
        self.billing = billing
        self.iopPhpCompliance = iopPhpCompliance
        self.financialClearanceThreshold = financialClearanceThreshold
    }

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case stateCode = "state_code"
        case billing
        case clinical
        case financialClearanceThreshold = "financial_clearance_threshold"
    }

    enum ClinicalKeys: String, CodingKey {
        case iopPhpCompliance = "iop_php_compliance"
    }

    /// Decodes the stored JSON; the IOP/PHP overrides live one level down under `clinical`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        stateCode = try container.decodeIfPresent(String.self, forKey: .stateCode)
        billing = try container.decodeIfPresent(BillingRulesConfig.self, forKey: .billing)
        financialClearanceThreshold = try container.decodeIfPresent(Int.self, forKey: .financialClearanceThreshold)
        if container.contains(.clinical), try !container.decodeNil(forKey: .clinical) {
            let clinical = try container.nestedContainer(keyedBy: ClinicalKeys.self, forKey: .clinical)
            iopPhpCompliance = try clinical.decodeIfPresent(IOPPHPThresholdOverrides.self, forKey: .iopPhpCompliance)
        } else {
            iopPhpCompliance = nil
        }
    }

    /// Encodes the stored JSON shape; absent parts are omitted rather than written as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(stateCode, forKey: .stateCode)
        try container.encodeIfPresent(billing, forKey: .billing)
        try container.encodeIfPresent(financialClearanceThreshold, forKey: .financialClearanceThreshold)
        if let iopPhpCompliance {
            var clinical = container.nestedContainer(keyedBy: ClinicalKeys.self, forKey: .clinical)
            try clinical.encode(iopPhpCompliance, forKey: .iopPhpCompliance)
        }
    }
}
