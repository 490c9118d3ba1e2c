import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

@Suite("Bad input is refused clearly and loses nothing")
struct RequestValidationTests {
    static let patientPath = "/api/v1/patients"

    @Test("malformed, incomplete, mistyped, oversized and invalid bodies answer the envelope and write nothing",
          arguments: [
              ("{not json", 400, "MALFORMED_JSON", nil),
              ("", 400, "MALFORMED_JSON", nil),
              (#"{"given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#, 422, "MISSING_FIELD", "mrn"),
              (#"{"mrn":7,"given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#, 422, "WRONG_TYPE", "mrn"),
              (#"{"mrn":"A1","given_name":null,"family_name":"Diaz","date_of_birth":"1990-02-03"}"#, 422, "MISSING_FIELD", "given_name"),
              (#"{"mrn":"A1","given_name":"Ana","family_name":"Diaz","date_of_birth":"03/02/1990"}"#, 422, "VALIDATION_FAILED", "date_of_birth"),
              (#"{"mrn":"  ","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#, 422, "VALIDATION_FAILED", "mrn"),
          ] as [(String, Int, String, String?)])
    func badBodies(body: String, status: Int, code: String, field: String?) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Strict", permissions: [.patientsManage], database: db.database)
            let auditBefore = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self)
            let response = try await client.call(.post, Self.patientPath, as: tenant, json: body)
            #expect(response.status.code == status)
            #expect(response.errorBody?.code == code)
            #expect(response.errorBody?.field == field)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log", as: Int.self) == auditBefore)
        }
    }

    @Test("a body over 1 MiB answers 413")
    func oversizedBody() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Big", permissions: [.patientsManage], database: db.database)
            let padding = String(repeating: "x", count: (1 << 20) + 10)
            let response = try await client.call(.post, Self.patientPath, as: tenant,
                                                 json: #"{"mrn":"\#(padding)","given_name":"A","family_name":"B","date_of_birth":"1990-01-01"}"#)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorBody?.code == "PAYLOAD_TOO_LARGE")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [0])
        }
    }

    @Test("a duplicate medical record number answers 409 and keeps the first patient")
    func duplicateIsConflict() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Dup", permissions: [.patientsManage], database: db.database)
            let body = #"{"mrn":"A1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#
            #expect(try await client.call(.post, Self.patientPath, as: tenant, json: body).status == .created)
            let again = try await client.call(.post, Self.patientPath, as: tenant, json: body)
            #expect(again.status == .conflict)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [1])
            // The failed request's audit entry was rolled back with it: one entry for one patient.
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'patient.created'", as: Int.self) == [1])
        }
    }

    @Test("out-of-range pagination answers 422 naming the parameter")
    func badPagination() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Pages", permissions: [.patientsRead], database: db.database)
            for (query, field) in [("limit=0", "limit"), ("limit=abc", "limit"), ("offset=-1", "offset")] {
                let response = try await client.call(.get, "\(Self.patientPath)?\(query)", as: tenant)
                #expect(response.status == .unprocessableContent)
                #expect(response.errorBody?.field == field)
            }
        }
    }

    @Test("an unknown route answers 404 in the envelope")
    func unknownRoute() async throws {
        try await withAPI { _, _, client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get) { $0 }
            #expect(response.status == .notFound)
            #expect(response.errorBody?.code == "NOT_FOUND")
        }
    }
}
