import Foundation
import PracticeManagement

/// A Phoenix practice's claims, built so each test changes only what it is about.
enum ProfessionalClaimFixtures {
    /// 2025-01-15 19:30 UTC, 12:30 in Phoenix. A fixed offset, since Arizona keeps no daylight
    /// saving time, and so the tests need no time-zone database on the machine.
    static let createdAt = Date(timeIntervalSince1970: 1_736_969_400)
    static let phoenix = TimeZone(secondsFromGMT: -7 * 3600)!

    static func batch(_ claims: [ProfessionalClaim], controlNumber: Int = 42, groupControlNumber: Int = 7) -> ProfessionalClaimBatch {
        ProfessionalClaimBatch(
            interchange: InterchangeEnvelope(
                senderID: "CARELEDGER", receiverID: "CLEARHOUSE", controlNumber: controlNumber, groupControlNumber: groupControlNumber,
                usage: .test, createdAt: createdAt, timeZone: phoenix),
            submitter: ClaimSubmitter(name: "Desert Bloom Behavioral Health", identifier: "CARELEDGER",
                                      contactName: "Jane Biller", contact: .phone("(602) 555-0100")),
            receiver: ClaimReceiver(name: "Clearhouse", identifier: "CLEARHOUSE"),
            billingProvider: BillingProvider(
                organizationName: "Desert Bloom Behavioral Health", npi: "1234567893", employerIdentificationNumber: "86-1234567",
                taxonomyCode: "261QM0801X",
                address: PostalAddress(line1: "100 N Central Ave", line2: "Suite 200", city: "Phoenix", state: "AZ", postalCode: "85004-1234")),
            claims: claims)
    }

    static func claim(
        _ patientControlNumber: String = "CL-1001", frequency: ClaimFrequency = .original, original: String? = nil,
        place: PlaceOfService = .office, lines: [ProfessionalServiceLine] = [line()]
    ) -> ProfessionalClaim {
        ProfessionalClaim(
            patientControlNumber: patientControlNumber,
            subscriber: ClaimSubscriber(
                memberID: "A12345678", lastName: "Diaz", firstName: "Ana", dateOfBirth: "1990-02-03", gender: .female,
                address: PostalAddress(line1: "12 Palm Ln", city: "Tempe", state: "AZ", postalCode: "85281")),
            payer: ClaimPayer(name: "AHCCCS", payerID: "AZMCD", filingIndicator: .medicaid),
            frequency: frequency, originalPayerClaimControlNumber: original, placeOfService: place,
            diagnosisCodes: ["F33.1", "F41.1"], lines: lines)
    }

    static func line(
        _ procedure: String = "90837", modifiers: [String] = [], cents: Int = 18_000, units: Int = 1,
        place: PlaceOfService? = nil, pointers: [Int] = [1], date: String = "2025-01-10"
    ) -> ProfessionalServiceLine {
        ProfessionalServiceLine(procedureCode: procedure, modifiers: modifiers, chargeCents: cents, units: units,
                                placeOfService: place, diagnosisPointers: pointers, serviceDate: date)
    }

    /// Two patients: a group-therapy day with modifiers and a telehealth line, and an individual session
    /// with a rendering clinician and a prior authorization.
    static func twoClaimBatch() -> ProfessionalClaimBatch {
        var group = claim("CL-2001", lines: [
            line("90853", modifiers: ["HQ"], cents: 6_500, units: 1, pointers: [1, 2], date: "2025-01-06"),
            line("90853", modifiers: ["HQ", "U4"], cents: 6_500, units: 1, pointers: [2], date: "2025-01-08"),
            line("H0004", modifiers: ["HO", "95", "GT", "U4"], cents: 3_125, units: 4, place: .telehealthInPatientHome,
                 pointers: [1], date: "2025-01-09"),
        ])
        group.lines[0].lineControlNumber = "CHG-501"
        var individual = claim("CL-2002", place: .communityMentalHealthCenter, lines: [
            line("90791", cents: 25_000, date: "2025-01-07"),
            line("90834", modifiers: ["95"], cents: 12_550, place: .telehealthOtherThanHome, pointers: [1, 2, 3], date: "2025-01-14"),
        ])
        individual.subscriber = ClaimSubscriber(
            memberID: "B98765432", lastName: "Núñez", firstName: "José", middleName: "Luis", dateOfBirth: "1978-11-30", gender: .male,
            address: PostalAddress(line1: "4500 E Camelback Rd", line2: "Apt 3", city: "Phoenix", state: "az", postalCode: "850181234"),
            groupNumber: "GRP-77")
        individual.payer = ClaimPayer(name: "Blue Cross Blue Shield of Arizona", payerID: "53589", filingIndicator: .blueCrossBlueShield)
        individual.diagnosisCodes = ["F43.10", "F10.20", "Z63.0"]
        individual.renderingProvider = RenderingProvider(lastName: "Hale", firstName: "Marcus", npi: "1987654328", taxonomyCode: "103T00000X")
        individual.priorAuthorizationNumber = "PA-2025-0042"
        return batch([group, individual])
    }
}
