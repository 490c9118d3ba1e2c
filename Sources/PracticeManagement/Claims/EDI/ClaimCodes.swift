/// CMS place-of-service code (CLM05-1, SV105): two digits. Open-ended, since CMS adds codes;
/// the constants are the ones behavioral-health claims use most.
public struct PlaceOfService: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Telehealth with the patient somewhere other than home.
    public static let telehealthOtherThanHome = PlaceOfService(rawValue: "02")
    public static let school = PlaceOfService(rawValue: "03")
    /// Telehealth with the patient at home.
    public static let telehealthInPatientHome = PlaceOfService(rawValue: "10")
    public static let office = PlaceOfService(rawValue: "11")
    public static let home = PlaceOfService(rawValue: "12")
    public static let federallyQualifiedHealthCenter = PlaceOfService(rawValue: "50")
    public static let psychiatricFacilityPartialHospitalization = PlaceOfService(rawValue: "52")
    public static let communityMentalHealthCenter = PlaceOfService(rawValue: "53")
    public static let ruralHealthClinic = PlaceOfService(rawValue: "72")
}

/// CLM05-3: whether this claim is new, replaces an adjudicated claim, or cancels one.
public enum ClaimFrequency: String, Sendable, Equatable {
    case original = "1"
    /// Replaces the payer's claim named by `originalPayerClaimControlNumber` in full.
    case replacement = "7"
    /// Cancels the payer's claim named by `originalPayerClaimControlNumber`.
    case void = "8"
}

/// SBR09: the kind of coverage, which tells the receiver which payer rules apply.
public enum ClaimFilingIndicator: String, Sendable, Equatable, Codable, CaseIterable {
    case otherNonFederal = "11"
    case preferredProviderOrganization = "12"
    case pointOfService = "13"
    case exclusiveProviderOrganization = "14"
    case blueCrossBlueShield = "BL"
    case tricare = "CH"
    case commercialInsurance = "CI"
    case federalEmployeesProgram = "FI"
    case healthMaintenanceOrganization = "HM"
    case medicarePartB = "MB"
    case medicaid = "MC"
    case titleV = "TV"
    case veteransAffairs = "VA"
    case workersCompensation = "WC"
    case mutuallyDefined = "ZZ"
}
