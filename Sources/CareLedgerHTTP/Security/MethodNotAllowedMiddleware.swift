public import Hummingbird

/// A known API path asked with a method it does not serve answers 405 with `Allow` (the router
/// alone answers 404, as if the path did not exist). The registry is read per request, so routes
/// registered after this middleware count.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let registry: APIRegistry

    public init(registry: APIRegistry) {
        self.registry = registry
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A path written out literally (`/api/v1/claims/export`) is that operation's, even where a
        // parameterised one (`/api/v1/claims/:id`) would also match it.
        let literal = registry.methods(literallyAt: request.uri.path)
        if !literal.isEmpty, !literal.contains(request.method) { throw Self.refusal(request.method, allowed: literal) }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = registry.methods(matching: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            throw Self.refusal(request.method, allowed: allowed)
        }
    }

    static func refusal(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> ErrorEnvelope {
        var refusal = ErrorEnvelope(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                                    message: "\(method.rawValue) is not served here; use \(allowed.map(\.rawValue).joined(separator: " or ")).")
        refusal.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return refusal
    }
}
