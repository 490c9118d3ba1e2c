import CareLedgerApp
import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Platform
import PlatformTesting

/// Runs `body` against the whole router (middleware, API, pages) over a fresh database.
func withAPI<T: Sendable>(
    tokenCacheLifetime: Duration = ApiTokenCache.defaultLifetime, trustsProxy: Bool = false,
    _ body: @Sendable (TestDatabase, AppDependencies, any TestClientProtocol) async throws -> T
) async throws -> T {
    try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
        let dependencies = AppDependencies(database: db.database, bus: EventBus(logger: db.logger), logger: db.logger,
                                           tokenCacheLifetime: tokenCacheLifetime, trustsProxy: trustsProxy)
        let (router, _) = ApplicationBuilder.buildRouter(dependencies)
        let app = Application(router: router, logger: db.logger)
        return try await app.test(.router) { client in try await body(db, dependencies, client) }
    }
}

/// The parts of an error envelope a test looks at.
struct ErrorBody: Decodable {
    struct Detail: Decodable { let code: String; let message: String; let field: String? }
    let error: Detail
}

extension TestResponse {
    var errorBody: ErrorBody.Detail? { try? JSONDecoder().decode(ErrorBody.self, from: Data(buffer: body)).error }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(buffer: body)) }
    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// Sends a request with a bearer token and, when given, a JSON body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, as tenant: TestTenant?, json: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let tenant { headers[.authorization] = tenant.authorization }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { $0 }
    }
}
