public import Hummingbird

/// Puts `SecurityHeaders` on every response. It runs outermost, so error answers (the envelope
/// and the error pages) carry the headers too.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        SecurityHeaders.apply(to: &response.headers, overTLS: SecurityHeaders.arrivedOverTLS(request.head))
        return response
    }
}
