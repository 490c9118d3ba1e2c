import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// The demo practices' billing set-up: a jurisdiction profile per state (Arizona, California
/// and, at Desert Bloom's El Paso site, Texas), payers, procedure-code mappings, fee
/// schedules, supervision rules and group-size bands. Codes are real; rates are invented.
enum DemoBilling {
    static let arizona = JurisdictionProfile(
        displayName: "AHCCCS", stateCode: "AZ",
        billing: BillingRulesConfig(minBillableMinutes: 8, timedCodeUnitMinutes: 15, modifierConventions: nil))

    static let california = JurisdictionProfile(
        displayName: "Medi-Cal", stateCode: "CA",
        billing: BillingRulesConfig(minBillableMinutes: 8, timedCodeUnitMinutes: 15, modifierConventions: [
            ModifierConvention(code: "HQ", description: "Group setting", trigger: .group),
            ModifierConvention(code: "HR", description: "Family session with the patient", trigger: .familyWithPatient),
            ModifierConvention(code: "HS", description: "Family session without the patient", trigger: .familyWithoutPatient),
            ModifierConvention(code: "95", description: "Synchronous audio-video telehealth", trigger: .telehealthAudioVideo),
            ModifierConvention(code: "93", description: "Synchronous audio-only telehealth", trigger: .telehealthAudioOnly),
            ModifierConvention(code: "GQ", description: "Asynchronous store-and-forward telehealth", trigger: .telehealthStoreForward),
        ]),
        iopPhpCompliance: IOPPHPThresholdOverrides(iopMinHoursPerWeek: 9, iopMinDaysPerWeek: 3, iopMinHoursPerDay: 3))

    static let texas = JurisdictionProfile(
        displayName: "Texas Medicaid", stateCode: "TX",
        billing: BillingRulesConfig(minBillableMinutes: 8, timedCodeUnitMinutes: 15, modifierConventions: [
            ModifierConvention(code: "HQ", description: "Group setting", trigger: .group),
            ModifierConvention(code: "95", description: "Synchronous audio-video telehealth", trigger: .telehealthAudioVideo),
            ModifierConvention(code: "FQ", description: "Audio-only telehealth", trigger: .telehealthAudioOnly),
            ModifierConvention(code: "H9", description: "Court-ordered", trigger: .courtOrdered),
        ]))

    struct PayerSetup {
        let name: String
        let code: String
        let state: String
        let supervisorLimit: Int
        let bands: [GroupSizeBand]
    }

    /// Service and group types and the procedure codes they bill under.
    static let mappings: [(serviceType: String, code: String)] = [
        ("individual_counseling", "H0004"), ("family_counseling", "H0004"), ("process_group", "H0005"),
        ("skills_group", "H2017"), ("iop_group", "H0015"), ("psychoeducation_group", "H2027"),
    ]
    static let fees: [(code: String, cents: Int)] = [("H0004", 2_650), ("H0005", 1_325), ("H2017", 1_480), ("H0015", 1_210), ("H2027", 1_100)]

    /// Sets up the organization's billing unless it already has a profile.
    static func load(organizationSlug slug: String, organizationID: UUID, database: Database) async throws {
        try await database.withTenant(organizationID) { tx in
            guard try await tx.rows("SELECT 1 FROM pf_jurisdiction_profiles").isEmpty else { return }
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            let payers: [PayerSetup]
            if slug == "desert-bloom" {
                try await JurisdictionProfileStore.save(arizona, siteID: nil, by: system, in: tx)
                let elPaso = try await Organizations.createSite(name: "El Paso satellite", in: tx)
                _ = try await Organizations.createFacility(siteID: elPaso, name: "El Paso Recovery Annex", stateCode: "TX",
                                                           timeZone: "America/Denver", by: nil, in: tx)
                try await JurisdictionProfileStore.save(texas, siteID: elPaso, by: system, in: tx)
                payers = [
                    PayerSetup(name: "AHCCCS Complete Care", code: "AZACC", state: "AZ", supervisorLimit: 6, bands: [
                        GroupSizeBand(minParticipants: 2, maxParticipants: 5, unitRateCents: 1_600),
                        GroupSizeBand(minParticipants: 7, maxParticipants: 10, unitRateCents: 1_250),
                        GroupSizeBand(minParticipants: 11, maxParticipants: 12, unitRateCents: 1_050)]),
                    PayerSetup(name: "Texas Medicaid STAR", code: "TXSTR", state: "TX", supervisorLimit: 10, bands: [
                        GroupSizeBand(minParticipants: 2, maxParticipants: 8, unitRateCents: 1_400),
                        GroupSizeBand(minParticipants: 9, maxParticipants: 12, unitRateCents: 1_150)]),
                ]
            } else {
                try await JurisdictionProfileStore.save(california, siteID: nil, by: system, in: tx)
                payers = [PayerSetup(name: "Medi-Cal (Alameda Alliance)", code: "CAMCL", state: "CA", supervisorLimit: 6, bands: [
                    GroupSizeBand(minParticipants: 2, maxParticipants: 6, unitRateCents: 1_700),
                    GroupSizeBand(minParticipants: 8, maxParticipants: 12, unitRateCents: 1_300)])]
            }
            let since = ServiceDate(year: 2025, month: 1, day: 1)!
            for (serviceType, code) in mappings {
                try await FeeScheduleStore.addMapping(serviceType: serviceType, procedureCode: code, payerID: nil, effectiveFrom: since, by: nil, in: tx)
            }
            for (code, cents) in fees {
                try await FeeScheduleStore.addFee(procedureCode: code, payerID: nil, unitRateCents: cents, effectiveFrom: since, by: nil, in: tx)
            }
            for setup in payers {
                let payer = try await Payers.create(name: setup.name, payerCode: setup.code, by: nil, in: tx)
                _ = try await Payers.replaceGroupRules(payerID: payer.id, stateCode: setup.state, maxParticipantsPerSupervisor: setup.supervisorLimit,
                                                       bands: setup.bands, by: nil, in: tx)
            }
        }
    }
}
