import PostgresNIO
/// How a refused request is classified; the HTTP layer maps each kind to one status.
public enum DomainErrorKind: String, Sendable, Equatable {
    case badRequest, unauthorized, forbidden, notFound, conflict, unprocessable, payloadTooLarge, unavailable, internalError
}

/// The one error every core throws for a refused request: a stable code for programs,
/// a plain-language message for people, and the field it concerns when there is one.
/// Messages never carry PHI (names, dates of birth, member ids, income, notes).
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public let kind: DomainErrorKind
    public let code: String
    public let message: String
    public let field: String?

    public init(_ kind: DomainErrorKind, code: String, message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { "\(code): \(message)" }

    public static func notFound(_ entity: String) -> DomainError {
        DomainError(.notFound, code: "NOT_FOUND", message: "No \(entity) with that id exists in this organization.")
    }

    public static func invalid(_ field: String, _ message: String, code: String = "VALIDATION_FAILED") -> DomainError {
        DomainError(.unprocessable, code: code, message: message, field: field)
    }

    public static func forbidden(missing permission: PermissionKey) -> DomainError {
        DomainError(.forbidden, code: "MISSING_PERMISSION", message: "This action needs the permission \(permission.rawValue).", field: nil)
    }

    public static let unauthenticated = DomainError(.unauthorized, code: "UNAUTHENTICATED", message: "Sign in or send a valid bearer token.")

    public static let databaseUnavailable = DomainError(.unavailable, code: "DATABASE_UNAVAILABLE", message: "The database is not reachable right now; try again shortly.")
}
