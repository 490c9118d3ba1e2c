import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

@Suite("Tenant isolation through the API")
struct TenantIsolationAPITests {
    @Test("one organization's lists never show another's rows")
    func listsAreScoped() async throws {
        try await withAPI { db, _, client in
            let alpha = try await TestTenant.create("Alpha", permissions: [.patientsRead, .patientsManage], database: db.database)
            let beta = try await TestTenant.create("Beta", permissions: [.patientsRead, .patientsManage], database: db.database)
            let created = try await client.call(.post, "/api/v1/patients", as: alpha,
                                                json: #"{"mrn":"A-1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#)
            #expect(created.status == .created)
            let seenByBeta = try await client.call(.get, "/api/v1/patients", as: beta)
            #expect(seenByBeta.status == .ok)
            #expect((seenByBeta.json as? [Any])?.count == 0)
            let seenByAlpha = try await client.call(.get, "/api/v1/patients", as: alpha)
            #expect((seenByAlpha.json as? [Any])?.count == 1)
            let facilities = try await client.call(.get, "/api/v1/facilities", as: beta)
            let ids = (facilities.json as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == [beta.facility.id.uuidString])
            // Field names follow the documented snake case, acronyms included (site_id, not site_i_d).
            #expect((facilities.json as? [[String: Any]])?.first?["site_id"] as? String == beta.siteID.uuidString)
        }
    }

    @Test("reading another organization's patient by id answers 404")
    func crossTenantReadIsNotFound() async throws {
        try await withAPI { db, _, client in
            let alpha = try await TestTenant.create("Alpha", permissions: [.patientsRead, .patientsManage], database: db.database)
            let beta = try await TestTenant.create("Beta", permissions: [.patientsRead], database: db.database)
            let created = try await client.call(.post, "/api/v1/patients", as: alpha,
                                                json: #"{"mrn":"A-1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#)
            let id = try #require((created.json as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/patients/\(id)", as: alpha).status == .ok)
            let response = try await client.call(.get, "/api/v1/patients/\(id)", as: beta)
            #expect(response.status == .notFound)
            #expect(response.errorBody?.code == "NOT_FOUND")
            #expect(try await client.call(.get, "/api/v1/patients/not-a-uuid", as: alpha).status == .notFound)
        }
    }

    @Test("writing against another organization's row answers 404 and changes nothing")
    func crossTenantWriteIsNotFound() async throws {
        try await withAPI { db, _, client in
            let alpha = try await TestTenant.create("Alpha", permissions: [.organizationManage], database: db.database)
            let beta = try await TestTenant.create("Beta", permissions: [.organizationManage], database: db.database)
            // Beta names Alpha's site: to Beta that site does not exist.
            let response = try await client.call(.post, "/api/v1/facilities", as: beta,
                                                 json: #"{"site_id":"\#(alpha.siteID)","name":"Annex","state_code":"AZ","time_zone":"America/Phoenix"}"#)
            #expect(response.status == .notFound)
            let annexes = try await db.ownerScalars("SELECT count(*)::int FROM pf_facilities WHERE name = 'Annex'", as: Int.self)
            #expect(annexes == [0])
        }
    }
}
