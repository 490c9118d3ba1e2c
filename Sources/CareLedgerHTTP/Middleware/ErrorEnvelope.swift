import Foundation
import Logging
import PostgresNIO
public import Hummingbird
import Logging
import NIOCore
public import Platform

/// The one error shape of the API: `{"error": {"code", "message", "field"?}}`.
public struct ErrorEnvelope: HTTPResponseError {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let field: String?

    public init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    public init(_ error: DomainError) {
        self.init(status: Self.status(for: error.kind), code: error.code, message: error.message, field: error.field)
    }

    static func status(for kind: DomainErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .payloadTooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    private struct Body: Encodable {
        struct Detail: Encodable { let code: String; let message: String; let field: String? }
        let error: Detail
    }

    /// Extra headers the refusal needs (`Retry-After` on 429, `Allow` on 405).
    public var headers: HTTPFields = [:]

    /// The signed-in viewer's permissions, when the refusal happened after sign-in: the HTML
    /// error page then keeps the viewer's navigation.
    var viewerPermissions: Set<PermissionKey>?

    /// The envelope for the API; for a page (any other path) the same refusal as an HTML page.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        guard ErrorPage.answersJSON(path: request.uri.path) else {
            headers[.contentType] = "text/html; charset=utf-8"
            let page = ErrorPage.render(status: Int(status.code), title: status.reasonPhrase, message: message, permissions: viewerPermissions)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error a handler throws into the envelope, so no caller ever sees a bare
/// status or a stack trace; unexpected errors are logged by type only (no PHI) and answer 500.
public struct ErrorEnvelopeMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            throw Self.envelope(for: error, logger: context.logger)
        }
    }

    /// The envelope for whatever a handler threw. The authentication middleware calls it too, to
    /// attach the signed-in viewer before the error leaves the request's context.
    static func envelope(for error: any Error, logger: Logger) -> ErrorEnvelope {
        switch error {
        case let error as ErrorEnvelope:
            return error
        case let error as DomainError:
            if error.kind == .unavailable { logger.warning("request refused: database unavailable") }
            return ErrorEnvelope(error)
        case let error as EventValidationError:
            return ErrorEnvelope(error.domainError)
        case let error as HTTPError:
            return ErrorEnvelope(status: error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError:
            return ErrorEnvelope(status: error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        default:
            // The type and, for database errors, the SQLSTATE and routine: never the message, which can quote values.
            var metadata: Logger.Metadata = ["error_type": .string(String(describing: type(of: error)))]
            if let psql = error as? PSQLError {
                metadata["sql_state"] = .string(psql.serverInfo?[.sqlState] ?? "\(psql.code)")
                metadata["routine"] = .string(psql.serverInfo?[.routine] ?? "")
            }
            logger.error("unhandled error", metadata: metadata)
            return ErrorEnvelope(status: .internalServerError, code: "INTERNAL", message: "Something went wrong; the request was not applied.")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "BAD_REQUEST"
        case 401: "UNAUTHENTICATED"
        case 403: "FORBIDDEN"
        case 404: "NOT_FOUND"
        case 405: "METHOD_NOT_ALLOWED"
        case 409: "CONFLICT"
        case 413: "PAYLOAD_TOO_LARGE"
        case 415: "UNSUPPORTED_MEDIA_TYPE"
        case 422: "VALIDATION_FAILED"
        case 503: "UNAVAILABLE"
        default: "HTTP_\(status.code)"
        }
    }
}
