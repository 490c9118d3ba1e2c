import Foundation

/// Stored claims to the renderer's model: pure, so what the scrubber test-renders and what the
/// export writes are built by the same code.
enum ClaimEDIMapping {
    /// The claim as the renderer takes it, or nil when a fact it requires is missing (the scrubber
    /// reports those by name before this is asked).
    static func claim(_ facts: ClaimFacts, profile: BillingProfile) -> ProfessionalClaim? {
        let f = facts.patientFacts
        guard let memberID = facts.memberID, let sex = f.sex, let gender = AdministrativeGender(rawValue: sex),
              let line1 = f.addressLine1, let city = f.city, let state = f.stateCode, let postal = f.postalCode else { return nil }
        let claim = facts.detail.claim
        let diagnoses = Array(f.diagnosisCodes.prefix(ProfessionalClaimBatch.maximumDiagnoses))
        // Each line points at the principal diagnoses, up to the four SV107 holds.
        let pointers = Array(1...max(1, min(4, diagnoses.count)))
        return ProfessionalClaim(
            patientControlNumber: claim.claimNumber,
            subscriber: ClaimSubscriber(memberID: memberID, lastName: facts.patient.familyName, firstName: facts.patient.givenName,
                                        dateOfBirth: facts.patient.dateOfBirth, gender: gender,
                                        address: PostalAddress(line1: line1, line2: f.addressLine2, city: city, state: state, postalCode: postal)),
            payer: ClaimPayer(name: facts.payer.name, payerID: facts.payer.payerCode,
                              filingIndicator: facts.payer.claimFilingIndicator),
            frequency: ClaimFrequency(rawValue: claim.frequencyCode) ?? .original,
            // REF*F8: our original claim number, since no payer claim number (ICN) is stored yet.
            originalPayerClaimControlNumber: claim.originalClaimNumber,
            placeOfService: PlaceOfService(rawValue: profile.defaultPlaceOfService),
            diagnosisCodes: diagnoses,
            lines: facts.detail.lines.map { line in
                ProfessionalServiceLine(procedureCode: line.procedureCode, modifiers: line.modifiers, chargeCents: line.amountCents ?? 0,
                                        units: line.units, diagnosisPointers: pointers, serviceDate: line.serviceDate,
                                        lineControlNumber: line.chargeID.uuidString.lowercased())
            })
    }

    /// One interchange from the organization's profile.
    static func batch(_ claims: [ProfessionalClaim], profile: BillingProfile, controlNumber: Int, createdAt: Date,
                      timeZone: TimeZone) -> ProfessionalClaimBatch {
        let contact: SubmitterContact = profile.submitterPhone.map(SubmitterContact.phone) ?? .email(profile.submitterEmail ?? "")
        return ProfessionalClaimBatch(
            interchange: InterchangeEnvelope(senderID: profile.submitterID, receiverID: profile.receiverID, controlNumber: controlNumber,
                                             groupControlNumber: controlNumber, usage: profile.usage == "production" ? .production : .test,
                                             createdAt: createdAt, timeZone: timeZone),
            submitter: ClaimSubmitter(name: profile.legalName, identifier: profile.submitterID, contactName: profile.submitterContactName,
                                      contact: contact),
            receiver: ClaimReceiver(name: profile.receiverName, identifier: profile.receiverID),
            billingProvider: BillingProvider(organizationName: profile.legalName, npi: profile.npi, employerIdentificationNumber: profile.ein,
                                             taxonomyCode: profile.taxonomyCode,
                                             address: PostalAddress(line1: profile.addressLine1, line2: profile.addressLine2, city: profile.city,
                                                                    state: profile.stateCode, postalCode: profile.postalCode)),
            claims: claims)
    }
}
