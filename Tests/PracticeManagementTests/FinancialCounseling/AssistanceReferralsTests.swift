import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Referrals against real PostgreSQL: each move timestamped and audited, illegal or stale moves
/// refused with 409, an approval linking this patient's coverage and recording its eligibility.
@Suite("Assistance-program referrals")
struct AssistanceReferralsTests {
    static func migrations() throws -> [Migration] { try PlatformMigrations.all() + PracticeManagementModule.migrations() }

    struct Fixture: Sendable {
        let db: TestDatabase
        let org: UUID
        let principal: Principal
        let patient: UUID
        let other: UUID
        let coverage: UUID
        let otherCoverage: UUID
        let endedCoverage: UUID

        func tx<T: Sendable>(_ body: @escaping @Sendable (TenantTransaction) async throws -> T) async throws -> T {
            try await db.database.withTenant(org, body)
        }

        /// The domain error a refused call throws (the test fails when it does not throw one).
        func refusal(_ body: @escaping @Sendable (TenantTransaction) async throws -> Void) async -> DomainError? {
            do { try await tx(body); return nil } catch let error as DomainError { return error } catch { return nil }
        }
    }

    static func fixture(_ db: TestDatabase) async throws -> Fixture {
        let org = try await Organizations.create(name: "Clinic", slug: "clinic", database: db.database)
        let principal = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
        return try await db.database.withTenant(org) { tx in
            _ = try await Organizations.createFacility(siteID: try await Organizations.createSite(name: "Main", in: tx), name: "Clinic",
                                                       stateCode: "AZ", timeZone: "America/Phoenix", by: nil, in: tx)
            let payer = try await Payers.create(name: "AHCCCS Complete Care", payerCode: "AZM01", by: nil, in: tx)
            let patient = try await Patients.create(mrn: "R-1", givenName: "Ana", familyName: "Diaz", dateOfBirth: "1990-02-03", by: nil, in: tx)
            let other = try await Patients.create(mrn: "R-2", givenName: "Ben", familyName: "Cho", dateOfBirth: "1980-05-06", by: nil, in: tx)
            let from = ServiceDate("2025-01-01")!
            let coverage = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "A123", priority: 1, effectiveFrom: from,
                                                      effectiveTo: nil, by: nil, in: tx)
            let otherCoverage = try await Coverages.create(patientID: other.id, payerID: payer.id, memberID: "B456", priority: 1, effectiveFrom: from,
                                                           effectiveTo: nil, by: nil, in: tx)
            let ended = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "A999", priority: 2, effectiveFrom: from,
                                                   effectiveTo: ServiceDate("2025-03-31")!, by: nil, in: tx)
            return Fixture(db: db, org: org, principal: principal, patient: patient.id, other: other.id, coverage: coverage.id,
                           otherCoverage: otherCoverage.id, endedCoverage: ended.id)
        }
    }

    @Test("a referral moves identified → referred → application_submitted → approved, each move timestamped, versioned and audited")
    func lifecycleToApproval() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            // setup
            let f = try await Self.fixture(db)
            let created = try await f.tx { tx in try await AssistanceReferrals.create(patientID: f.patient, program: .ahcccsMedicaid, by: f.principal, in: tx) }
            #expect(created.applicationStatus == .identified)
            #expect(created.version == 1)
            // MUT
            let referred = try await f.tx { tx in try await AssistanceReferrals.move(created.id, to: .referred, expectedVersion: 1, policyID: nil, by: f.principal, in: tx) }
            let submitted = try await f.tx { tx in
                try await AssistanceReferrals.move(created.id, to: .applicationSubmitted, expectedVersion: 2, policyID: nil, by: f.principal, in: tx)
            }
            let approved = try await f.tx { tx in
                try await AssistanceReferrals.move(created.id, to: .approved, expectedVersion: 3, policyID: f.coverage, by: f.principal, in: tx)
            }
            // validate
            #expect(referred.referral.referredAt != nil && referred.eligibility == nil)
            #expect(submitted.referral.applicationSubmittedAt != nil)
            let referral = approved.referral
            #expect(referral.applicationStatus == .approved)
            #expect(referral.version == 4)
            #expect(referral.policyID == f.coverage)
            #expect(referral.approvedAt != nil && referral.deniedAt == nil && referral.withdrawnAt == nil)
            #expect(referral.referredAt! <= referral.applicationSubmittedAt! && referral.applicationSubmittedAt! <= referral.approvedAt!)
            #expect(approved.eligibility?.isEligible == true)
            let stored = try await db.ownerScalars("SELECT eligibility_status FROM pm_coverages WHERE id = \(f.coverage)", as: String.self)
            #expect(stored == ["eligible"], "the result is recorded on the coverage")
            let actions = try await db.ownerScalars("""
                SELECT action || ':' || coalesce(details->>'after', details->>'result', details->>'status')
                FROM pf_audit_log WHERE organization_id = \(f.org) AND entity_type IN ('assistance_referral', 'coverage')
                  AND action <> 'coverage.created' ORDER BY id
                """, as: String.self)
            #expect(actions == ["assistance-referral.created:identified", "assistance-referral.moved:referred",
                                "assistance-referral.moved:application_submitted", "coverage.eligibility-checked:eligible",
                                "assistance-referral.moved:approved"])
            let texts = try await db.ownerScalars("SELECT details::text FROM pf_audit_log WHERE organization_id = \(f.org)", as: String.self)
            #expect(!texts.contains { $0.contains("Diaz") || $0.contains("A123") }, "no names or member ids in the audit")
            let listed = try await f.tx { tx in try await AssistanceReferrals.list(patientID: f.patient, in: tx) }
            #expect(listed.map(\.id) == [created.id])
        }
    }

    @Test("an approval of a coverage that has ended is recorded as ineligible with its reason")
    func approvalOfEndedCoverage() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            let f = try await Self.fixture(db)
            let id = try await f.tx { tx in
                let referral = try await AssistanceReferrals.create(patientID: f.patient, program: .kidscareChip, by: f.principal, in: tx)
                _ = try await AssistanceReferrals.move(referral.id, to: .referred, expectedVersion: 1, policyID: nil, by: f.principal, in: tx)
                _ = try await AssistanceReferrals.move(referral.id, to: .applicationSubmitted, expectedVersion: 2, policyID: nil, by: f.principal, in: tx)
                return referral.id
            }
            let approved = try await f.tx { tx in
                try await AssistanceReferrals.move(id, to: .approved, expectedVersion: 3, policyID: f.endedCoverage, by: f.principal, in: tx)
            }
            #expect(approved.eligibility?.reasons == [.ended])
            #expect(try await db.ownerScalars("SELECT array_to_string(eligibility_reasons, ',') FROM pm_coverages WHERE id = \(f.endedCoverage)",
                                              as: String.self) == ["COVERAGE_ENDED"])
        }
    }

    @Test("refusals change nothing: another patient's coverage or none (422 policy_id), illegal move (409), stale version (409), unknown (404)")
    func refusals() async throws {
        try await TestDatabase.with(migrations: try Self.migrations()) { db in
            // setup: a referral with its application submitted (version 3).
            let f = try await Self.fixture(db)
            let id = try await f.tx { tx in
                let referral = try await AssistanceReferrals.create(patientID: f.patient, program: .marketplace, by: f.principal, in: tx)
                _ = try await AssistanceReferrals.move(referral.id, to: .referred, expectedVersion: 1, policyID: nil, by: f.principal, in: tx)
                _ = try await AssistanceReferrals.move(referral.id, to: .applicationSubmitted, expectedVersion: 2, policyID: nil, by: f.principal, in: tx)
                return referral.id
            }
            let audited = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self)
            let p = f.principal
            // MUT + validate
            let otherPatients = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .approved, expectedVersion: 3, policyID: f.otherCoverage, by: p, in: tx) }
            #expect(otherPatients?.kind == .unprocessable && otherPatients?.field == "policy_id")
            let missing = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .approved, expectedVersion: 3, policyID: nil, by: p, in: tx) }
            #expect(missing?.field == "policy_id")
            let unknownCoverage = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .approved, expectedVersion: 3, policyID: UUID(), by: p, in: tx) }
            #expect(unknownCoverage?.field == "policy_id")
            let illegal = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .referred, expectedVersion: 3, policyID: nil, by: p, in: tx) }
            #expect(illegal?.kind == .conflict && illegal?.code == "ILLEGAL_TRANSITION")
            let stale = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .denied, expectedVersion: 2, policyID: nil, by: p, in: tx) }
            #expect(stale?.kind == .conflict && stale?.code == "STALE_REFERRAL")
            let unknown = await f.refusal { tx in _ = try await AssistanceReferrals.move(UUID(), to: .denied, expectedVersion: 1, policyID: nil, by: p, in: tx) }
            #expect(unknown?.kind == .notFound)
            let unknownPatient = await f.refusal { tx in _ = try await AssistanceReferrals.create(patientID: UUID(), program: .other, by: p, in: tx) }
            #expect(unknownPatient?.kind == .notFound)

            let after = try await f.tx { tx in try await AssistanceReferrals.find(id, in: tx) }
            #expect(after.applicationStatus == .applicationSubmitted && after.version == 3 && after.policyID == nil)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_coverages WHERE eligibility_status IS NOT NULL", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self) == audited)

            // A decision is final; another tenant cannot see the referral.
            _ = try await f.tx { tx in try await AssistanceReferrals.move(id, to: .denied, expectedVersion: 3, policyID: nil, by: p, in: tx) }
            let afterFinal = await f.refusal { tx in _ = try await AssistanceReferrals.move(id, to: .withdrawn, expectedVersion: 4, policyID: nil, by: p, in: tx) }
            #expect(afterFinal?.code == "ILLEGAL_TRANSITION")
            let stranger = try await Organizations.create(name: "Other", slug: "other", database: db.database)
            await #expect(throws: DomainError.notFound("assistance_referral")) {
                try await db.database.withTenant(stranger) { tx in _ = try await AssistanceReferrals.find(id, in: tx) }
            }
        }
    }
}
