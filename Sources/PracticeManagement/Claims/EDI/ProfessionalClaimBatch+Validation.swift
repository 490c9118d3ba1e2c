/// Validation before rendering: every rule here is one a clearinghouse or payer would otherwise
/// reject the file for, days later. The result is the batch in the form it is written
/// (upper-cased names, digits-only ZIP and EIN, dates as CCYYMMDD, diagnoses without the dot).
extension ProfessionalClaimBatch {
    /// The 837P guide recommends no more than 5000 claims per transaction set.
    static let maximumClaims = 5000
    /// One 837P claim carries at most 50 service lines (loop 2400 repeats 50 times).
    static let maximumLines = 50
    /// HI carries 12 diagnoses; a line points at no more than 4 of them.
    static let maximumDiagnoses = 12
    static let maximumPointers = 4
    static let maximumModifiers = 4
    /// A ceiling far above any real charge that keeps totals clear of overflow.
    static let maximumLineChargeCents = 99_999_999_99

    func validated() throws(ProfessionalClaimEDIError) -> ProfessionalClaimBatch {
        var batch = self
        batch.interchange = try interchange.validated()
        let created = interchange.localStamp.date
        batch.submitter = try submitter.validated()
        batch.receiver.name = try X12Field.text(receiver.name, at: "receiver.name", length: 1...60)
        batch.receiver.identifier = try X12Field.identifier(receiver.identifier, at: "receiver.identifier", length: 2...80)
        batch.billingProvider = try billingProvider.validated()
        guard !claims.isEmpty else { throw .invalidField(path: "claims", reason: "must hold at least one claim") }
        guard claims.count <= Self.maximumClaims else {
            throw .invalidField(path: "claims", reason: "must hold at most \(Self.maximumClaims) claims; split the batch")
        }
        for index in claims.indices {
            batch.claims[index] = try claims[index].validated(at: "claims[\(index)]", createdOn: created)
        }
        return batch
    }
}

extension InterchangeEnvelope {
    func validated() throws(ProfessionalClaimEDIError) -> InterchangeEnvelope {
        var envelope = self
        envelope.senderQualifier = try Self.qualifier(senderQualifier, at: "interchange.senderQualifier")
        envelope.receiverQualifier = try Self.qualifier(receiverQualifier, at: "interchange.receiverQualifier")
        // GS02/GS03 repeat these ids and need at least two characters; ISA06/ISA08 hold fifteen.
        envelope.senderID = try X12Field.identifier(senderID, at: "interchange.senderID", length: 2...15)
        envelope.receiverID = try X12Field.identifier(receiverID, at: "interchange.receiverID", length: 2...15)
        guard (1...999_999_999).contains(controlNumber) else {
            throw .invalidField(path: "interchange.controlNumber", reason: "must be 1 to 999999999 (nine digits)")
        }
        guard (1...999_999_999).contains(groupControlNumber) else {
            throw .invalidField(path: "interchange.groupControlNumber", reason: "must be 1 to 999999999")
        }
        return envelope
    }

    private static func qualifier(_ value: String, at path: String) throws(ProfessionalClaimEDIError) -> String {
        let code = value.uppercased()
        guard code.count == 2, code.allSatisfy(\.isASCIIAlphanumeric) else {
            throw .invalidField(path: path, reason: "must be a two-character interchange id qualifier such as ZZ")
        }
        return code
    }
}

extension ClaimSubmitter {
    func validated() throws(ProfessionalClaimEDIError) -> ClaimSubmitter {
        var submitter = self
        submitter.name = try X12Field.text(name, at: "submitter.name", length: 1...60)
        submitter.identifier = try X12Field.identifier(identifier, at: "submitter.identifier", length: 2...80)
        submitter.contactName = try X12Field.text(contactName, at: "submitter.contactName", length: 1...60)
        switch contact {
        case let .phone(number):
            submitter.contact = .phone(try X12Field.digits(
                number, at: "submitter.contact.phone", counts: [10], removing: ["(", ")", "-", ".", " "],
                reason: "must be a 10-digit phone number"))
        case let .email(address):
            submitter.contact = .email(try X12Field.email(address, at: "submitter.contact.email"))
        }
        return submitter
    }
}

extension BillingProvider {
    func validated() throws(ProfessionalClaimEDIError) -> BillingProvider {
        var provider = self
        provider.organizationName = try X12Field.text(organizationName, at: "billingProvider.organizationName", length: 1...60)
        provider.npi = try X12Field.npi(npi, at: "billingProvider.npi")
        provider.employerIdentificationNumber = try X12Field.digits(
            employerIdentificationNumber, at: "billingProvider.employerIdentificationNumber", counts: [9], removing: ["-"],
            reason: "must be a 9-digit employer identification number")
        provider.taxonomyCode = try X12Field.taxonomy(taxonomyCode, at: "billingProvider.taxonomyCode")
        provider.address = try address.validated(at: "billingProvider.address", requireZipPlusFour: true)
        return provider
    }
}

extension PostalAddress {
    func validated(at path: String, requireZipPlusFour: Bool = false) throws(ProfessionalClaimEDIError) -> PostalAddress {
        PostalAddress(
            line1: try X12Field.text(line1, at: "\(path).line1", length: 1...55),
            line2: try X12Field.optionalText(line2, at: "\(path).line2", length: 1...55),
            city: try X12Field.text(city, at: "\(path).city", length: 2...30),
            state: try X12Field.state(state, at: "\(path).state"),
            postalCode: try X12Field.postalCode(postalCode, at: "\(path).postalCode", requireZipPlusFour: requireZipPlusFour))
    }
}
