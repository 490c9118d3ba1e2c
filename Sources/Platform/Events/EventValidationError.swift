import PostgresNIO
/// A payload a publisher's validator refused; nothing of it was written.
public struct EventValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let eventType: String
    public let field: String
    public let reason: String

    public init(eventType: String, field: String, reason: String) {
        self.eventType = eventType
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(eventType): \(field): \(reason)" }

    public var domainError: DomainError {
        DomainError(.unprocessable, code: "EVENT_VALIDATION_FAILED", message: "\(eventType) was not published: \(reason)", field: field)
    }
}
