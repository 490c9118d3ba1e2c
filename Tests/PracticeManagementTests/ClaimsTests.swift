import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("Claims from charges: building, scrubbing, correcting, exporting")
struct ClaimsTests {
    @Test("one claim per member and payer; charges without a payer are reported; a second build finds nothing to claim")
    func buildPerMemberAndPayer() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            // setup
            let f = try await ClaimFixture.make(db)
            let (a, b, c, d) = (try await f.patient("A"), try await f.patient("B"), try await f.patient("C"), try await f.patient("D"))
            let session = try await f.session([(a, .attended), (b, .late), (c, .attended), (d, .absent)], supervisors: [.attended])
            try await f.charge(session: session, patient: a, payer: f.payerID)
            try await f.charge(session: session, patient: b, payer: f.payerID)
            let noPayer = try await f.charge(session: session, patient: c, payer: nil)
            // MUT
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            // validate
            #expect(built.claims.count == 2)
            #expect(Set(built.claims.map(\.claim.patientID)) == [a, b])
            #expect(Set(built.claims.map(\.claim.claimNumber)) == ["CL-000001", "CL-000002"])
            #expect(built.claims.allSatisfy { $0.claim.frequencyCode == "1" && $0.claim.status == .open && $0.claim.totalCents == 6_400 })
            #expect(built.claims.allSatisfy { $0.lines.count == 1 && $0.isExportable }, "\(built.claims.map(\.validations))")
            #expect(built.unclaimedCharges.map(\.chargeID) == [noPayer])
            #expect(built.unclaimedCharges.map(\.reason) == ["NO_PAYER"])
            #expect(built.groupSessionIDs == [session])
            await #expect(throws: DomainError.self) {
                try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            }
            do {
                _ = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            } catch let error as DomainError {
                #expect(error.code == "NOTHING_TO_CLAIM")
                #expect(error.message.contains("1 active charge has no payer"))
            }
            let listed = try await f.tx { tx in try await Claims.list(status: .open, patientID: a, limit: 10, offset: 0, in: tx) }
            #expect(listed.map(\.patientID) == [a])
        }
    }

    @Test("the scrubber blocks a claim missing profile, sex, address, diagnosis or price, and export names the claim; fixing clears it")
    func scrubberBlocksIncompleteClaims() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            let f = try await ClaimFixture.make(db, withProfile: false)
            let bare = try await f.patient("BARE", complete: false)
            let other = try await f.patient("OTHER")
            let session = try await f.session([(bare, .attended), (other, .attended)], supervisors: [.attended])
            try await f.charge(session: session, patient: bare, payer: f.payerID, amountCents: nil)
            let built = try await f.tx { tx in try await Claims.create(scope: .patient(bare), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let claim = try #require(built.claims.first)
            let errors = Set(claim.validations.filter { $0.severity == .error }.map(\.code))
            #expect(errors == ["BILLING_PROFILE_MISSING", "LINE_NOT_PRICED", "MISSING_DIAGNOSIS", "MISSING_PATIENT_SEX", "MISSING_PATIENT_ADDRESS"])
            #expect(!claim.isExportable)
            // With a profile but the patient still bare, export is refused by name and nothing is recorded.
            try await f.tx { tx in try await BillingProfiles.save(ClaimFixture.profile(), by: f.principal, in: tx) }
            do {
                _ = try await f.tx { tx in try await ClaimEDIExport.export(claimIDs: [claim.claim.id], jurisdictions: f.resolver, by: f.principal, in: tx) }
                Issue.record("an unexportable claim was exported")
            } catch let error as DomainError {
                #expect(error.code == "CLAIM_NOT_EXPORTABLE")
                #expect(error.message.contains(claim.claim.claimNumber))
                #expect(error.message.contains("LINE_NOT_PRICED"))
            }
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_edi_interchanges", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT status FROM pm_claims WHERE id = \(claim.claim.id)", as: String.self) == ["open"])
            // Fixing the facts and the price clears the findings on the next scrub.
            try await f.tx { tx in
                try await Patients.saveClaimFacts(PatientClaimFacts(sex: "M", addressLine1: "1 Main St", city: "Mesa", stateCode: "AZ", postalCode: "85201",
                                                                    diagnosisCodes: ["F10.20"]), patientID: bare, by: f.principal, in: tx)
                try await tx.query("UPDATE pm_charges SET unit_rate_cents = 1600, amount_cents = 6400 WHERE patient_id = \(bare)")
            }
            let after = try await f.tx { tx in try await ClaimScrubber.scrub(claimID: claim.claim.id, jurisdictions: f.resolver, in: tx) }
            #expect(after.filter { $0.severity == .error }.isEmpty, "\(after)")
        }
    }

    @Test("a correction replaces (7) from the rebuilt charges, or voids (8) with the original lines when none remain; once only")
    func correctionReplacesOrVoids() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            let f = try await ClaimFixture.make(db)
            let (a, b, c) = (try await f.patient("A"), try await f.patient("B"), try await f.patient("C"))
            let session = try await f.session([(a, .attended), (b, .attended), (c, .attended)], supervisors: [.attended])
            let chargeA = try await f.charge(session: session, patient: a, payer: f.payerID)
            let chargeB = try await f.charge(session: session, patient: b, payer: f.payerID, amountCents: 4_800)
            try await f.charge(session: session, patient: c, payer: f.payerID)
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let originalA = try #require(built.claims.first { $0.claim.patientID == a }).claim
            let originalB = try #require(built.claims.first { $0.claim.patientID == b }).claim
            // A forced correction: A's charge is rebuilt at a new amount, B (now ABSENT) keeps none.
            try await f.voidCharge(chargeA)
            let rebuiltA = try await f.charge(session: session, patient: a, payer: f.payerID, amountCents: 4_800)
            try await f.voidCharge(chargeB)
            // Before correcting, the original's voided charge is a blocking finding.
            let stale = try await f.tx { tx in try await ClaimScrubber.scrub(claimID: originalA.id, jurisdictions: f.resolver, in: tx) }
            #expect(stale.contains { $0.code == "CHARGE_VOIDED" })

            let replacement = try await f.tx { tx in
                try await Claims.createCorrection(originalClaimID: originalA.id, reason: "A arrived late", jurisdictions: f.resolver, by: f.principal, in: tx)
            }
            #expect(replacement.claim.frequencyCode == "7")
            #expect(replacement.claim.replacesClaimID == originalA.id)
            #expect(replacement.claim.originalClaimNumber == originalA.claimNumber)
            #expect(replacement.lines.map(\.chargeID) == [rebuiltA])
            #expect(replacement.claim.totalCents == 4_800)
            #expect(replacement.isExportable, "\(replacement.validations)")

            let void = try await f.tx { tx in
                try await Claims.createCorrection(originalClaimID: originalB.id, reason: "B was absent", jurisdictions: f.resolver, by: f.principal, in: tx)
            }
            #expect(void.claim.frequencyCode == "8")
            #expect(void.claim.originalClaimNumber == originalB.claimNumber)
            #expect(void.lines.map(\.chargeID) == [chargeB])
            #expect(void.claim.totalCents == 4_800)
            #expect(void.isExportable, "\(void.validations)")

            let statuses = try await db.ownerScalars("SELECT status FROM pm_claims WHERE id = ANY(\([originalA.id, originalB.id])) ORDER BY claim_number", as: String.self)
            #expect(statuses == ["corrected", "corrected"])
            do {
                _ = try await f.tx { tx in
                    try await Claims.createCorrection(originalClaimID: originalA.id, reason: "again", jurisdictions: f.resolver, by: f.principal, in: tx)
                }
                Issue.record("a corrected claim was corrected again")
            } catch let error as DomainError {
                #expect(error.code == "ALREADY_CORRECTED")
            }
            // The rebuilt charge sits on the replacement, so a new build finds nothing.
            await #expect(throws: DomainError.self) {
                try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            }
        }
    }

    @Test("exported originals, a replacement and a void from stored claims pass pyx12; control numbers increase per organization")
    func exportValidatesWithPyx12() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            let f = try await ClaimFixture.make(db)
            let (a, b) = (try await f.patient("A"), try await f.patient("B"))
            let session = try await f.session([(a, .attended), (b, .late)], supervisors: [.attended])
            let chargeA = try await f.charge(session: session, patient: a, payer: f.payerID)
            let chargeB = try await f.charge(session: session, patient: b, payer: f.payerID)
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let claimA = try #require(built.claims.first { $0.claim.patientID == a }).claim
            let claimB = try #require(built.claims.first { $0.claim.patientID == b }).claim
            let first = try await f.tx { tx in
                try await ClaimEDIExport.export(claimIDs: [claimA.id, claimB.id], jurisdictions: f.resolver, by: f.principal, in: tx)
            }
            #expect(first.controlNumber == 1)
            #expect(first.content.contains("CLM*\(claimA.claimNumber)*64***11:B:1*"))
            let verdict = try await Pyx12Validator.validate(first.content)
            #expect(verdict.accepted, "\(verdict.errors)\n\(first.content)")

            try await f.voidCharge(chargeA)
            try await f.charge(session: session, patient: a, payer: f.payerID, amountCents: 4_800)
            try await f.voidCharge(chargeB)
            let corrections = try await f.tx { tx in
                [try await Claims.createCorrection(originalClaimID: claimA.id, reason: "rate band changed", jurisdictions: f.resolver,
                                                   by: f.principal, in: tx),
                 try await Claims.createCorrection(originalClaimID: claimB.id, reason: "absent", jurisdictions: f.resolver,
                                                   by: f.principal, in: tx)]
            }
            let second = try await f.tx { tx in
                try await ClaimEDIExport.export(claimIDs: corrections.map(\.claim.id), jurisdictions: f.resolver, by: f.principal, in: tx)
            }
            #expect(second.controlNumber == 2)
            #expect(second.content.contains("CLM*CL-000003*48***11:B:7*"))
            #expect(second.content.contains("REF*F8*\(claimA.claimNumber)~"))
            #expect(second.content.contains("CLM*CL-000004*64***11:B:8*"))
            #expect(second.content.contains("REF*F8*\(claimB.claimNumber)~"))
            let corrected = try await Pyx12Validator.validate(second.content)
            #expect(corrected.accepted, "\(corrected.errors)\n\(second.content)")
            #expect(try await db.ownerScalars("SELECT control_number FROM pm_edi_interchanges ORDER BY 1", as: Int.self) == [1, 2])
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_claims WHERE status = 'exported'", as: Int.self) == [2])
            // A superseded original is refused by name.
            do {
                _ = try await f.tx { tx in
                    try await ClaimEDIExport.export(claimIDs: [claimA.id], jurisdictions: f.resolver, by: f.principal, in: tx)
                }
                Issue.record("a corrected claim was exported")
            } catch let error as DomainError {
                #expect(error.code == "CLAIM_CORRECTED")
            }
        }
    }
}
