public import Foundation
public import Hummingbird
public import Platform

/// The per-request context: Hummingbird's core storage plus who is asking.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` when the request carries valid credentials.
    public var principal: Principal?
    /// Whether the credentials came from the browser session (pages) or a bearer token.
    public var requestID: String
    /// The peer's IP address (the proxy's, behind one), for sign-in throttling; nil in router tests.
    public let clientAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.requestID = ""
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies above 1 MiB are refused with 413 before they are read in full.
    public var maxUploadSize: Int { 1 << 20 }

    /// The signed-in principal, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw DomainError.unauthenticated }
        return principal
    }

    /// The principal if it holds `permission`; 401 without credentials, 403 without the permission.
    public func require(_ permission: PermissionKey) throws -> Principal {
        let principal = try requirePrincipal()
        try principal.require(permission)
        return principal
    }

    /// A UUID path parameter; anything that is not one names no row, so it answers 404 naming the parameter.
    public func pathID(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            let field = name.snakeCased()
            throw DomainError(.notFound, code: "NOT_FOUND", message: "Nothing with that \(field) exists in this organization.", field: field)
        }
        return id
    }
}
