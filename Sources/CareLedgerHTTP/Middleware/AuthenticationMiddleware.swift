public import Hummingbird
public import Platform

/// Reads a bearer token or the session cookie and sets the request's principal. It
/// rejects nothing itself: each route states the permission it needs.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let database: Database
    let tokens: ApiTokenCache

    public init(database: Database, tokens: ApiTokenCache) {
        self.database = database
        self.tokens = tokens
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard let credentials = HeaderValue.bearerCredentials(header),
                  let principal = try await ApiTokens.authenticate(credentials, database: database, cache: tokens)
            else { throw ErrorEnvelope(DomainError.unauthenticated) }
            context.principal = principal
        } else if let secret = request.cookies[WebSessions.cookieName]?.value {
            context.principal = try await WebSessions.authenticate(secret, database: database)
        }
        guard let principal = context.principal else { return try await next(request, context) }
        context.logger[metadataKey: "organization_id"] = .string(principal.organizationID.uuidString)
        // Only a page's refusal needs the viewer (its error page keeps their navigation); the API's
        // errors pass untouched, so outer middleware still sees them as thrown.
        guard !ErrorPage.answersJSON(path: request.uri.path) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            var envelope = ErrorEnvelopeMiddleware.envelope(for: error, logger: context.logger)
            envelope.viewerPermissions = principal.permissions
            throw envelope
        }
    }
}
