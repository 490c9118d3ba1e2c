extension ProfessionalClaimEDI {
    /// Loops 2000A and 2010AA, hierarchical level 1, parent of every subscriber level.
    static func billingProvider(_ provider: BillingProvider) -> [X12Segment] {
        var segments = [X12Segment("HL", "1", "", "20", "1")]
        if let taxonomy = provider.taxonomyCode { segments.append(X12Segment("PRV", "BI", "PXC", taxonomy)) }
        segments += [X12Segment("NM1", "85", "2", provider.organizationName, "", "", "", "", "XX", provider.npi)]
        segments += address(provider.address)
        segments.append(X12Segment("REF", "EI", provider.employerIdentificationNumber))
        return segments
    }

    /// Loops 2000B to 2400 for one claim. The subscriber is the patient, so SBR02 is 18 (self),
    /// HL04 is 0 (no patient level beneath) and the patient's address and DMG go in 2010BA.
    static func subscriberAndClaim(_ claim: ProfessionalClaim, hierarchicalID: Int) -> [X12Segment] {
        let subscriber = claim.subscriber
        var segments = [
            X12Segment("HL", String(hierarchicalID), "1", "22", "0"),
            // P: this payer is primary; secondary claims need the other payer's adjudication (loop 2320).
            X12Segment("SBR", "P", "18", subscriber.groupNumber ?? "", "", "", "", "", "", claim.payer.filingIndicator.rawValue),
            X12Segment("NM1", "IL", "1", subscriber.lastName, subscriber.firstName, subscriber.middleName ?? "", "", "", "MI", subscriber.memberID),
        ]
        segments += address(subscriber.address)
        segments += [
            X12Segment("DMG", "D8", subscriber.dateOfBirth, subscriber.gender.rawValue),
            X12Segment("NM1", "PR", "2", claim.payer.name, "", "", "", "", "PI", claim.payer.payerID),
        ]
        segments += claimInformation(claim)
        for (index, line) in claim.lines.enumerated() {
            segments += serviceLine(line, number: index + 1, claimPlace: claim.placeOfService)
        }
        return segments
    }

    /// Loop 2300 and its rendering provider (2310B). REF segments follow the guide's order: G1 before F8.
    static func claimInformation(_ claim: ProfessionalClaim) -> [X12Segment] {
        let certifications = claim.certifications
        // CLM05: place of service, B (a CMS place-of-service code), and the frequency code.
        let facility = X12Segment.composite([claim.placeOfService.rawValue, "B", claim.frequency.rawValue])
        var segments = [X12Segment(
            "CLM", claim.patientControlNumber, X12Amount.text(cents: claim.totalChargeCents), "", "", facility,
            certifications.providerSignatureOnFile ? "Y" : "N", certifications.assignment.rawValue,
            certifications.benefitsAssignedToProvider ? "Y" : "N", certifications.releaseOfInformation.rawValue)]
        if let authorization = claim.priorAuthorizationNumber { segments.append(X12Segment("REF", "G1", authorization)) }
        if let original = claim.originalPayerClaimControlNumber { segments.append(X12Segment("REF", "F8", original)) }
        // ABK marks the principal diagnosis, ABF each other one; all ride in one HI segment.
        let diagnoses = claim.diagnosisCodes.enumerated().map { index, code in
            X12Segment.composite([index == 0 ? "ABK" : "ABF", code])
        }
        segments.append(X12Segment(id: "HI", elements: diagnoses))
        if let rendering = claim.renderingProvider {
            segments.append(X12Segment("NM1", "82", "1", rendering.lastName, rendering.firstName, "", "", "", "XX", rendering.npi))
            if let taxonomy = rendering.taxonomyCode { segments.append(X12Segment("PRV", "PE", "PXC", taxonomy)) }
        }
        return segments
    }

    /// Loop 2400: LX numbers lines from 1; SV1 carries HC (CPT/HCPCS) and UN (units); DTP*472 is the date of service.
    static func serviceLine(_ line: ProfessionalServiceLine, number: Int, claimPlace: PlaceOfService) -> [X12Segment] {
        let procedure = X12Segment.composite(["HC", line.procedureCode] + line.modifiers)
        let place = line.placeOfService.flatMap { $0 == claimPlace ? nil : $0.rawValue } ?? ""
        let pointers = X12Segment.composite(line.diagnosisPointers.map(String.init))
        var segments = [
            X12Segment("LX", String(number)),
            X12Segment("SV1", procedure, X12Amount.text(cents: line.chargeCents), "UN", String(line.units), place, "", pointers),
            X12Segment("DTP", "472", "D8", line.serviceDate),
        ]
        if let control = line.lineControlNumber { segments.append(X12Segment("REF", "6R", control)) }
        return segments
    }

    static func address(_ address: PostalAddress) -> [X12Segment] {
        [X12Segment("N3", address.line1, address.line2 ?? ""),
         X12Segment("N4", address.city, address.state, address.postalCode)]
    }
}
