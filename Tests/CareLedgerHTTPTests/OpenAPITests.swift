import CareLedgerHTTP
import Clinical
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("documents every /api route the router serves, and nothing it does not")
    func documentMatchesRouter() async throws {
        try await withAPI { db, dependencies, client in
            let (router, _) = ApplicationBuilder.buildRouter(dependencies)
            let served = Set(router.routes.filter { $0.path.description.hasPrefix("/api/") }
                .map { "\($0.method.rawValue) \(Self.openAPIPath($0.path.description))" })
            let response = try await client.execute(uri: "/openapi.json", method: .get) { $0 }
            #expect(response.status == .ok)
            let document = try #require(response.json as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(!served.isEmpty)
            #expect(served == documented, "served but undocumented: \(served.subtracting(documented)); documented but not served: \(documented.subtracting(served))")
            // Each operation names its success status and the error envelope.
            for (_, operations) in paths {
                for (_, raw) in operations {
                    let responses = try #require((raw as? [String: Any])?["responses"] as? [String: Any])
                    #expect(responses.keys.contains { $0.hasPrefix("2") })
                    #expect(responses.keys.contains("503"))
                }
            }
        }
    }

    @Test("the compliance report documents its query parameters and its CSV form")
    func complianceDocumented() async throws {
        try await withAPI { _, _, client in
            let document = try #require(try await client.execute(uri: "/openapi.json", method: .get) { $0 }.json as? [String: Any])
            let get = try #require(((document["paths"] as? [String: Any])?["/api/v1/compliance/iop-php"] as? [String: Any])?["get"] as? [String: Any])
            let names = (get["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["week", "from", "to", "facility_id", "patient_id", "format"])
            let content = ((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any]
            #expect(content?.keys.sorted() == ["application/json", "text/csv"])
            #expect((get["description"] as? String)?.contains("pm.reports.read") == true)
        }
    }

    @Test("rules the server enforces on one value or a choice of properties are in the document")
    func enforcedRulesDocumented() async throws {
        try await withAPI { _, _, client in
            let document = try #require(try await client.execute(uri: "/openapi.json", method: .get) { $0 }.json as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            func body(_ method: String, _ path: String) -> [String: Any]? {
                ((((paths[path]?[method] as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                    as? [String: Any])?["schema"] as? [String: Any]
            }
            let csv = (body("put", "/api/v1/clinical/quality/value-sets")?["properties"] as? [String: Any])?["csv"] as? [String: Any]
            #expect(csv?["pattern"] as? String == ValueSetCSVFormat.pattern, "the CSV grammar the parser also enforces")
            #expect((body("post", "/api/v1/claims")?["oneOf"] as? [Any])?.count == 2, "a session or a patient, exactly one")
            #expect((body("post", "/api/v1/group-sessions/{id}/attendance/{rowId}")?["anyOf"] as? [Any])?.count == 2, "a forced mark says why")
            let zone = (body("post", "/api/v1/facilities")?["properties"] as? [String: Any])?["time_zone"] as? [String: Any]
            #expect((zone?["enum"] as? [String])?.contains("America/Phoenix") == true)
            let statement = (paths["/api/v1/patients/{id}/statement"]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
            #expect(statement?.filter { $0["in"] as? String == "query" }.allSatisfy { $0["required"] as? Bool == true } == true)
        }
    }

    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : ($0.hasPrefix("{") ? String($0) : String($0)) }.joined(separator: "/")
    }
}
