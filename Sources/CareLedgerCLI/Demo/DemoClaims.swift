import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// What the demo needs to produce a clean claim: a billing profile (valid NPI check digit, EIN,
/// ZIP+4) and each patient's sex, address and diagnoses. Identifiers and addresses are invented.
enum DemoClaims {
    static func profile(slug: String) -> BillingProfile {
        if slug == "desert-bloom" {
            return BillingProfile(legalName: "Desert Bloom Behavioral Health", npi: "1234567893", ein: "86-1234567", taxonomyCode: "261QM0801X",
                                  addressLine1: "100 N Central Ave", addressLine2: "Suite 200", city: "Phoenix", stateCode: "AZ",
                                  postalCode: "85004-1234", submitterID: "DESERTBLOOM", submitterContactName: "Billing Office",
                                  submitterPhone: "(602) 555-0100", receiverName: "Demo Clearinghouse", receiverID: "DEMOCLEAR",
                                  defaultPlaceOfService: "53")
        }
        return BillingProfile(legalName: "Pacific Coast Counseling", npi: "1987654328", ein: "94-7654321", taxonomyCode: "261QM0801X",
                              addressLine1: "1 Broadway", city: "Oakland", stateCode: "CA", postalCode: "94607-3712", submitterID: "PACIFICCOAST",
                              submitterContactName: "Billing Office", submitterEmail: "billing@pacificcoast.example", receiverName: "Demo Clearinghouse",
                              receiverID: "DEMOCLEAR", defaultPlaceOfService: "11")
    }

    static let diagnoses = [["F33.1", "F41.1"], ["F10.20"], ["F43.10", "F32.9"], ["F41.1"]]

    /// Adds the profile and patient facts where missing, so older demo databases gain them too.
    static func load(organizationSlug slug: String, organizationID: UUID, database: Database) async throws {
        try await database.withTenant(organizationID) { tx in
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            if try await BillingProfiles.find(in: tx) == nil {
                try await BillingProfiles.save(profile(slug: slug), by: system, in: tx)
            }
            let bare = try await tx.rows("SELECT id FROM pm_patients WHERE sex IS NULL ORDER BY mrn").map { try $0.decode(UUID.self) }
            let (city, state, zip) = slug == "desert-bloom" ? ("Tempe", "AZ", "85281") : ("Oakland", "CA", "94612")
            for (index, patient) in bare.enumerated() {
                try await Patients.saveClaimFacts(PatientClaimFacts(sex: index.isMultiple(of: 2) ? "F" : "M", addressLine1: "\(120 + index * 7) Palm Ln",
                                                                    city: city, stateCode: state, postalCode: zip,
                                                                    diagnosisCodes: diagnoses[index % diagnoses.count]),
                                                  patientID: patient, by: system, in: tx)
            }
        }
    }
}
