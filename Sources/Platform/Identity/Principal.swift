import PostgresNIO
public import Foundation

/// Who is making a request: the organization it acts in and what it may do.
public struct Principal: Sendable, Equatable {
    public enum Credential: Sendable, Equatable {
        case apiToken(id: UUID)
        case webSession(id: UUID, membershipID: UUID)
        case system
    }

    public let organizationID: UUID
    public let userID: UUID?
    public let credential: Credential
    public let permissions: Set<PermissionKey>

    public init(organizationID: UUID, userID: UUID?, credential: Credential, permissions: Set<PermissionKey>) {
        self.organizationID = organizationID
        self.userID = userID
        self.credential = credential
        self.permissions = permissions
    }

    public func has(_ permission: PermissionKey) -> Bool { permissions.contains(permission) }

    /// Throws 403 naming the missing permission.
    public func require(_ permission: PermissionKey) throws {
        guard has(permission) else { throw DomainError.forbidden(missing: permission) }
    }

    public var tokenID: UUID? {
        if case .apiToken(let id) = credential { return id }
        return nil
    }
}
