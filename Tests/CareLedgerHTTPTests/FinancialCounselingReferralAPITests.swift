import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Assistance referrals and cost estimates through the API: permissions, the lifecycle's 409s,
/// 422 naming the field, and an estimate that reaches the counselor's worklist.
@Suite("Financial counseling referrals and cost estimates through the API")
struct FinancialCounselingReferralAPITests {
    static func patient(_ db: TestDatabase, _ tenant: TestTenant, mrn: String = "F-1") async throws -> (patient: UUID, coverage: UUID) {
        try await db.database.withTenant(tenant.organizationID) { tx in
            let payer = try await Payers.create(name: "KidsCare", payerCode: "KC\(mrn)", by: nil, in: tx)
            let patient = try await Patients.create(mrn: mrn, givenName: "Ana", familyName: "Diaz", dateOfBirth: "2015-02-03", by: nil, in: tx)
            let coverage = try await Coverages.create(patientID: patient.id, payerID: payer.id, memberID: "K\(mrn)", priority: 1,
                                                      effectiveFrom: ServiceDate("2025-01-01")!, effectiveTo: nil, by: nil, in: tx)
            return (patient.id, coverage.id)
        }
    }

    @Test("a counselor refers, moves and approves with a coverage; the answer carries the eligibility check")
    func referralLifecycle() async throws {
        try await withAPI { db, _, client in
            let counselor = try await TestTenant.create("Counsel", permissions: [.financialCounselingView, .financialCounselingManage], database: db.database)
            let (patient, coverage) = try await Self.patient(db, counselor)
            let created = try await client.call(.post, "/api/v1/patients/\(patient)/assistance-referrals", as: counselor, json: #"{"program":"kidscare_chip"}"#)
            #expect(created.status == .created)
            let id = try #require((created.json as? [String: Any])?["id"] as? String)
            #expect((created.json as? [String: Any])?["legal_next_statuses"] as? [String] == ["referred", "withdrawn"])
            #expect(try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor, json: #"{"status":"referred","version":1}"#).status == .ok)
            #expect(try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor,
                                          json: #"{"status":"application_submitted","version":2}"#).status == .ok)
            let illegal = try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor, json: #"{"status":"identified","version":3}"#)
            #expect(illegal.status == .conflict && illegal.errorBody?.code == "ILLEGAL_TRANSITION")
            let stale = try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor, json: #"{"status":"denied","version":1}"#)
            #expect(stale.status == .conflict && stale.errorBody?.code == "STALE_REFERRAL")
            let noPolicy = try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor, json: #"{"status":"approved","version":3}"#)
            #expect(noPolicy.status == .unprocessableContent && noPolicy.errorBody?.field == "policy_id")
            let badStatus = try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor, json: #"{"status":"granted","version":3}"#)
            #expect(badStatus.status == .unprocessableContent && badStatus.errorBody?.field == "status")
            let approved = try await client.call(.post, "/api/v1/assistance-referrals/\(id)/status", as: counselor,
                                                 json: #"{"status":"approved","version":3,"policy_id":"\#(coverage)"}"#)
            #expect(approved.status == .ok)
            let body = try #require(approved.json as? [String: Any])
            #expect(body["application_status"] as? String == "approved")
            #expect((body["policy_id"] as? String)?.lowercased() == coverage.uuidString.lowercased())
            let eligibility = try #require(body["eligibility"] as? [String: Any])
            #expect(eligibility["eligible"] as? Bool == true)
            #expect(eligibility["reasons"] as? [String] == [])
            let listed = try await client.call(.get, "/api/v1/patients/\(patient)/assistance-referrals", as: counselor).json as? [[String: Any]]
            #expect(listed?.count == 1)
        }
    }

    @Test("permissions: view reads, manage writes; no token 401; another tenant's referral 404; bad program 422")
    func permissions() async throws {
        try await withAPI { db, _, client in
            let counselor = try await TestTenant.create("Counsel", permissions: [.financialCounselingView, .financialCounselingManage], database: db.database)
            let viewer = try await TestTenant.create("Viewer", permissions: [.financialCounselingView], database: db.database)
            let (patient, _) = try await Self.patient(db, counselor)
            let bad = try await client.call(.post, "/api/v1/patients/\(patient)/assistance-referrals", as: counselor, json: #"{"program":"lottery"}"#)
            #expect(bad.status == .unprocessableContent && bad.errorBody?.field == "program")
            let created = try await client.call(.post, "/api/v1/patients/\(patient)/assistance-referrals", as: counselor, json: #"{"program":"other"}"#)
            let id = try #require((created.json as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/assistance-referrals/\(id)", as: nil).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/assistance-referrals/\(id)", as: viewer).status == .notFound, "another tenant's")
            #expect(try await client.call(.post, "/api/v1/patients/\(patient)/assistance-referrals", as: viewer,
                                          json: #"{"program":"other"}"#).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/cost-estimates", as: viewer,
                                          json: #"{"patient_id":"\#(patient)","service_type":"iop","patient_estimated_responsibility":1}"#).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/financial-counseling/referrals", as: nil).status == .unauthorized)
        }
    }

    @Test("an estimate above $1,000 reaches the counselor's worklist once the dispatcher delivers it; bad input is 422 by name")
    func estimateToWorklist() async throws {
        try await withAPI { db, dependencies, client in
            let counselor = try await TestTenant.create("Counsel", permissions: [.financialCounselingView, .financialCounselingManage], database: db.database)
            let (patient, _) = try await Self.patient(db, counselor)
            let negative = try await client.call(.post, "/api/v1/cost-estimates", as: counselor,
                                                 json: #"{"patient_id":"\#(patient)","service_type":"iop","patient_estimated_responsibility":-5}"#)
            #expect(negative.status == .unprocessableContent && negative.errorBody?.field == "patient_estimated_responsibility")
            let unknown = try await client.call(.post, "/api/v1/cost-estimates", as: counselor,
                                                json: #"{"patient_id":"\#(UUID())","service_type":"iop","patient_estimated_responsibility":5}"#)
            #expect(unknown.status == .notFound)
            let small = try await client.call(.post, "/api/v1/cost-estimates", as: counselor,
                                              json: #"{"patient_id":"\#(patient)","service_type":"iop","patient_estimated_responsibility":100000}"#)
            #expect(small.status == .created)
            let large = try await client.call(.post, "/api/v1/cost-estimates", as: counselor,
                                              json: #"{"patient_id":"\#(patient)","service_type":"php","patient_estimated_responsibility":100001}"#)
            let largeID = try #require((large.json as? [String: Any])?["id"] as? String)
            let dispatcher = EventDispatcher(bus: dependencies.bus, database: dependencies.database, logger: db.logger)
            for _ in 0..<3 where try await dispatcher.drainOnce() > 0 {}
            let worklist = try #require(try await client.call(.get, "/api/v1/financial-counseling/referrals", as: counselor).json as? [[String: Any]])
            #expect(worklist.compactMap { ($0["estimate_id"] as? String)?.lowercased() } == [largeID.lowercased()])
            #expect(worklist.first?["threshold_source"] as? String == "default")
            #expect(worklist.first?["threshold_cents"] as? Int == 100_000)
            let estimate = try await client.call(.get, "/api/v1/cost-estimates/\(largeID)", as: counselor).json as? [String: Any]
            #expect(estimate?["patient_estimated_responsibility"] as? Int == 100_001)
        }
    }
}
