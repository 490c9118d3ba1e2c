/// Loops 2000B/2010BA: the insured member, who is also the patient (relationship 18, self).
///
/// Dependents are not modelled: behavioral-health plans (Medicaid above all) enroll each
/// patient as their own member, and a dependent needs the patient loop 2000C this renderer omits.
public struct ClaimSubscriber: Sendable, Equatable {
    public var memberID: String
    public var lastName: String
    public var firstName: String
    public var middleName: String?
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String
    public var gender: AdministrativeGender
    /// Required because the subscriber is the patient.
    public var address: PostalAddress
    /// SBR03, when the member's card shows a group number.
    public var groupNumber: String?

    public init(
        memberID: String, lastName: String, firstName: String, middleName: String? = nil, dateOfBirth: String,
        gender: AdministrativeGender, address: PostalAddress, groupNumber: String? = nil
    ) {
        self.memberID = memberID
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.address = address
        self.groupNumber = groupNumber
    }
}

/// DMG03 as payers record it on the member's enrollment.
public enum AdministrativeGender: String, Sendable, Equatable {
    case female = "F"
    case male = "M"
    case unknown = "U"
}
