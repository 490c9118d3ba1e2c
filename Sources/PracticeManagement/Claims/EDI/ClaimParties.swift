/// Loop 1000A: who sent the file, and whom the receiver calls about it.
public struct ClaimSubmitter: Sendable, Equatable {
    public var name: String
    /// NM109, the submitter identifier (ETIN) the receiver assigned.
    public var identifier: String
    public var contactName: String
    public var contact: SubmitterContact

    public init(name: String, identifier: String, contactName: String, contact: SubmitterContact) {
        self.name = name
        self.identifier = identifier
        self.contactName = contactName
        self.contact = contact
    }
}

/// PER03/PER04 of loop 1000A.
public enum SubmitterContact: Sendable, Equatable {
    /// Ten digits; formatting such as `(602) 555-0100` is accepted and removed.
    case phone(String)
    case email(String)
}

/// Loop 1000B: the clearinghouse or payer that receives the file.
public struct ClaimReceiver: Sendable, Equatable {
    public var name: String
    /// NM109, the receiver's primary identifier.
    public var identifier: String

    public init(name: String, identifier: String) {
        self.name = name
        self.identifier = identifier
    }
}

/// Loop 2010AA: the organization paid for the claims.
public struct BillingProvider: Sendable, Equatable {
    public var organizationName: String
    public var npi: String
    /// REF*EI, nine digits; `12-3456789` is accepted.
    public var employerIdentificationNumber: String
    /// PRV03 of loop 2000A, when the payer adjudicates by specialty (e.g. `261QM0801X`).
    public var taxonomyCode: String?
    /// The 5010 guide requires ZIP+4 here, so the postal code must have nine digits.
    public var address: PostalAddress

    public init(organizationName: String, npi: String, employerIdentificationNumber: String, taxonomyCode: String? = nil, address: PostalAddress) {
        self.organizationName = organizationName
        self.npi = npi
        self.employerIdentificationNumber = employerIdentificationNumber
        self.taxonomyCode = taxonomyCode
        self.address = address
    }
}

/// Loop 2310B: the clinician who saw the patient, sent when that is not the billing organization.
public struct RenderingProvider: Sendable, Equatable {
    public var lastName: String
    public var firstName: String
    public var npi: String
    public var taxonomyCode: String?

    public init(lastName: String, firstName: String, npi: String, taxonomyCode: String? = nil) {
        self.lastName = lastName
        self.firstName = firstName
        self.npi = npi
        self.taxonomyCode = taxonomyCode
    }
}

/// Loop 2010BB and SBR09: the payer asked to pay the claim.
public struct ClaimPayer: Sendable, Equatable {
    public var name: String
    /// NM109 with qualifier PI, the payer id the clearinghouse routes on.
    public var payerID: String
    public var filingIndicator: ClaimFilingIndicator

    public init(name: String, payerID: String, filingIndicator: ClaimFilingIndicator) {
        self.name = name
        self.payerID = payerID
        self.filingIndicator = filingIndicator
    }
}

/// N3/N4 of a provider or subscriber. US addresses only.
public struct PostalAddress: Sendable, Equatable {
    public var line1: String
    public var line2: String?
    public var city: String
    /// Two-letter USPS state code.
    public var state: String
    /// Five or nine digits; `85004-1234` is accepted.
    public var postalCode: String

    public init(line1: String, line2: String? = nil, city: String, state: String, postalCode: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postalCode = postalCode
    }
}
