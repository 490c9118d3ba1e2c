public import Hummingbird
import Platform

/// Refuses cross-site writes (403 `CROSS_SITE_REQUEST`) and cookie-authenticated API writes
/// that are not JSON (415 `UNSUPPORTED_MEDIA_TYPE`), by `CrossSiteRequestRule`, before any route runs.
public struct CrossSiteRequestMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let rule = CrossSiteRequestRule(
            method: request.method.rawValue, path: request.uri.path, host: request.head.authority,
            origin: request.headers[.origin], secFetchSite: request.headers[.secFetchSite], contentType: request.headers[.contentType],
            hasBearerToken: request.headers[.authorization] != nil, hasSessionCookie: request.cookies[WebSessions.cookieName] != nil)
        switch rule.verdict {
        case .allow:
            return try await next(request, context)
        case .crossSite:
            context.logger.info("cross-site write refused")
            throw ErrorEnvelope(status: .forbidden, code: "CROSS_SITE_REQUEST",
                                message: "This change was sent from another site; open CareLedger and try again there.")
        case .notJSON:
            throw ErrorEnvelope(status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
                                message: "Send the body as application/json.", field: "Content-Type")
        }
    }
}
