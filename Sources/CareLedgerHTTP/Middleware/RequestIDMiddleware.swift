import Foundation
public import Hummingbird
public import HTTPTypes
import Logging

/// Gives every request an id (the caller's `X-Request-Id` when it is sane), puts it on the
/// response and on every log line of the request.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let offered = request.headers[.xRequestID] ?? ""
        let id = (1...64).contains(offered.count) && offered.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            ? offered : UUID.random().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        do {
            var response = try await next(request, context)
            response.headers[.xRequestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.xRequestID] = id
            return response
        }
    }
}

extension HTTPField.Name {
    public static let xRequestID = Self("X-Request-Id")!
}
