public import Hummingbird
public import Platform

/// A documented query-string parameter.
public struct QueryParameter: Sendable {
    public let name: String
    public let schema: Schema
    public let description: String
    /// The route refuses the request without it (422 naming it).
    public let required: Bool

    public init(_ name: String, _ schema: Schema, _ description: String, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.description = description
        self.required = required
    }
}

/// One documented API operation.
public struct APIOperation: Sendable {
    public let method: HTTPRequest.Method
    /// The router's path, with `:name` parameters.
    public let path: String
    public let summary: String
    public let permission: PermissionKey?
    public let requestBody: Schema?
    public let response: Schema
    /// `application/json` except for files (e.g. `application/edi-x12`).
    public let responseContentType: String
    public let successStatus: Int
    public let errorStatuses: [Int]
    public let queryParameters: [QueryParameter]
    /// Media types the success response may also take besides the primary one (e.g. `text/csv`), with their schema.
    public let alternateResponses: [(mediaType: String, schema: Schema)]

    /// The path as OpenAPI writes it, with `{name}` parameters.
    public var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}

/// Every API route is added through this registry, which records its documentation: the
/// OpenAPI document is built from the same list the router is.
public final class APIRegistry: Sendable {
    private let operations = LockedValue<[APIOperation]>([])
    public let schemas = LockedValue<[(String, Schema)]>([])

    public init() {}

    public var all: [APIOperation] { operations.get() }

    /// The methods registered for a concrete path (`/api/v1/patients/<uuid>` matches `/api/v1/patients/:id`).
    public func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: [HTTPRequest.Method] = []
        for operation in all {
            let pattern = operation.path.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count,
                  zip(pattern, segments).allSatisfy({ $0.hasPrefix(":") ? !$1.isEmpty : $0 == $1 }),
                  !methods.contains(operation.method) else { continue }
            methods.append(operation.method)
        }
        return methods
    }

    /// The methods registered for exactly this path, with no parameter in it.
    public func methods(literallyAt path: String) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for operation in all where operation.path == path && !methods.contains(operation.method) { methods.append(operation.method) }
        return methods
    }

    /// Adds a named component schema.
    public func component(_ name: String, _ schema: Schema) {
        schemas.withValue { $0.append((name, schema)) }
    }

    /// Registers a route on `router` and records its documentation.
    public func add<Output: ResponseGenerator>(
        _ router: Router<AppRequestContext>, _ method: HTTPRequest.Method, _ path: String, summary: String,
        permission: PermissionKey?, request: Schema? = nil, response: Schema, responseContentType: String = "application/json",
        status: Int = 200, errors: [Int] = [], query: [QueryParameter] = [], alternateResponses: [(mediaType: String, schema: Schema)] = [],
        handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        var errorStatuses = errors
        if permission != nil { errorStatuses += [401, 403] }
        if request != nil { errorStatuses += [400, 413, 422] }
        // What the middleware answers for any route: an id that names nothing (404), a control
        // character in a path or query value (422), a cookie write that is not JSON (415).
        let hasPathParameters = path.contains("/:")
        if hasPathParameters { errorStatuses += [404, 422] }
        if !query.isEmpty { errorStatuses += [422] }
        if method != .get, method != .head { errorStatuses += [415] }
        let operation = APIOperation(method: method, path: path, summary: summary, permission: permission, requestBody: request,
                                     response: response, responseContentType: responseContentType, successStatus: status,
                                     errorStatuses: Array(Set(errorStatuses + [503])).sorted(), queryParameters: query,
                                     alternateResponses: alternateResponses)
        operations.withValue { $0.append(operation) }
        router.on(RouterPath(path), method: method, use: handler)
    }
}
