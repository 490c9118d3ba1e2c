import Foundation

extension ProfessionalClaim {
    /// `createdOn` (CCYYMMDD) bounds the dates: a payer rejects services or births after the file's date.
    func validated(at path: String, createdOn: String) throws(ProfessionalClaimEDIError) -> ProfessionalClaim {
        var claim = self
        claim.patientControlNumber = try X12Field.identifier(patientControlNumber, at: "\(path).patientControlNumber", length: 1...38)
        claim.subscriber = try subscriber.validated(at: "\(path).subscriber", createdOn: createdOn)
        claim.payer.name = try X12Field.text(payer.name, at: "\(path).payer.name", length: 1...60)
        claim.payer.payerID = try X12Field.identifier(payer.payerID, at: "\(path).payer.payerID", length: 2...80)
        claim.originalPayerClaimControlNumber = try X12Field.optionalIdentifier(
            originalPayerClaimControlNumber, at: "\(path).originalPayerClaimControlNumber", length: 1...50)
        switch (frequency, claim.originalPayerClaimControlNumber) {
        case (.replacement, nil), (.void, nil):
            throw .invalidField(path: "\(path).originalPayerClaimControlNumber",
                                reason: "is required for a replacement (7) or void (8): it names the payer's claim acted on")
        case (.original, .some):
            throw .invalidField(path: "\(path).originalPayerClaimControlNumber",
                                reason: "must be empty for an original claim (1); use frequency 7 or 8 to act on an adjudicated claim")
        default: break
        }
        claim.placeOfService = try placeOfService.validated(at: "\(path).placeOfService")
        claim.diagnosisCodes = try Self.validatedDiagnoses(diagnosisCodes, at: "\(path).diagnosisCodes")
        claim.renderingProvider = try renderingProvider?.validated(at: "\(path).renderingProvider")
        claim.priorAuthorizationNumber = try X12Field.optionalIdentifier(
            priorAuthorizationNumber, at: "\(path).priorAuthorizationNumber", length: 1...50)
        guard !lines.isEmpty else { throw .invalidField(path: "\(path).lines", reason: "must hold at least one service line") }
        guard lines.count <= ProfessionalClaimBatch.maximumLines else {
            throw .invalidField(path: "\(path).lines", reason: "must hold at most \(ProfessionalClaimBatch.maximumLines) service lines; split the claim")
        }
        for index in lines.indices {
            claim.lines[index] = try lines[index].validated(
                at: "\(path).lines[\(index)]", diagnosisCount: claim.diagnosisCodes.count, createdOn: createdOn)
        }
        return claim
    }

    /// ICD-10-CM (see `ICD10Code`); the dot is dropped.
    private static func validatedDiagnoses(_ codes: [String], at path: String) throws(ProfessionalClaimEDIError) -> [String] {
        guard !codes.isEmpty else { throw .invalidField(path: path, reason: "must hold at least one diagnosis") }
        guard codes.count <= ProfessionalClaimBatch.maximumDiagnoses else {
            throw .invalidField(path: path, reason: "must hold at most \(ProfessionalClaimBatch.maximumDiagnoses) diagnoses")
        }
        var seen: Set<String> = []
        var result: [String] = []
        for (index, raw) in codes.enumerated() {
            guard let code = ICD10Code.normalized(raw)
            else { throw .invalidField(path: "\(path)[\(index)]", reason: "must be an ICD-10-CM code such as F33.1") }
            guard seen.insert(code).inserted else { throw .invalidField(path: "\(path)[\(index)]", reason: "repeats an earlier diagnosis") }
            result.append(code)
        }
        return result
    }
}

extension ClaimSubscriber {
    func validated(at path: String, createdOn: String) throws(ProfessionalClaimEDIError) -> ClaimSubscriber {
        let birth = try X12Field.date(dateOfBirth, at: "\(path).dateOfBirth")
        guard birth <= createdOn else { throw .invalidField(path: "\(path).dateOfBirth", reason: "must not be after the interchange date") }
        return ClaimSubscriber(
            memberID: try X12Field.identifier(memberID, at: "\(path).memberID", length: 2...80),
            lastName: try X12Field.text(lastName, at: "\(path).lastName", length: 1...60),
            firstName: try X12Field.text(firstName, at: "\(path).firstName", length: 1...35),
            middleName: try X12Field.optionalText(middleName, at: "\(path).middleName", length: 1...25),
            dateOfBirth: birth, gender: gender,
            address: try address.validated(at: "\(path).address"),
            groupNumber: try X12Field.optionalIdentifier(groupNumber, at: "\(path).groupNumber", length: 1...50))
    }
}

extension RenderingProvider {
    func validated(at path: String) throws(ProfessionalClaimEDIError) -> RenderingProvider {
        RenderingProvider(
            lastName: try X12Field.text(lastName, at: "\(path).lastName", length: 1...60),
            firstName: try X12Field.text(firstName, at: "\(path).firstName", length: 1...35),
            npi: try X12Field.npi(npi, at: "\(path).npi"),
            taxonomyCode: try X12Field.taxonomy(taxonomyCode, at: "\(path).taxonomyCode"))
    }
}

extension PlaceOfService {
    func validated(at path: String) throws(ProfessionalClaimEDIError) -> PlaceOfService {
        guard rawValue.count == 2, rawValue.allSatisfy(\.isASCIIDigit) else {
            throw .invalidField(path: path, reason: "must be a two-digit CMS place of service code")
        }
        return self
    }
}
