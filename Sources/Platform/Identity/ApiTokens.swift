public import Foundation
public import Logging
public import PostgresNIO

/// Bearer tokens: minted once, shown once, stored as a hash, scoped to one organization.
public enum ApiTokens {
    public struct Minted: Sendable {
        public let id: UUID
        public let secret: String
        public let expiresAt: Date
    }

    /// Creates a token; the secret is returned here and never again.
    public static func create(
        organizationID: UUID, name: String, scopes: [PermissionKey], userID: UUID?, lifetime: Duration,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> Minted {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw DomainError.invalid("name", "A token needs a name of 1 to 200 characters.") }
        guard !scopes.isEmpty else { throw DomainError.invalid("scopes", "A token needs at least one scope.") }
        let known = try await knownPermissionKeys(on: connection, logger: logger)
        if let unknown = scopes.first(where: { !known.contains($0) }) {
            throw DomainError.invalid("scopes", "Unknown permission key \(unknown.rawValue).")
        }
        let id = UUID.random()
        let secret = SecretToken.generate(prefix: "clt")
        let expiresAt = Date().addingTimeInterval(TimeInterval(lifetime.components.seconds))
        try await connection.query("""
            INSERT INTO pf_api_tokens (organization_id, id, name, token_hash, scopes, user_id, expires_at)
            VALUES (\(organizationID), \(id), \(trimmed), sha256(convert_to(\(secret), 'UTF8')), \(scopes.map(\.rawValue)), \(userID), \(expiresAt))
            """, logger: logger)
        return Minted(id: id, secret: secret, expiresAt: expiresAt)
    }

    /// The principal a bearer secret stands for, or nil when it is unknown, expired or revoked.
    /// With a `cache`, a token that authenticated less than the cache's lifetime ago is not
    /// checked again (so a revocation takes effect within that lifetime).
    public static func authenticate(_ secret: String, database: Database, cache: ApiTokenCache? = nil) async throws -> Principal? {
        guard secret.hasPrefix("clt_"), secret.count < 200 else { return nil }
        if let cached = cache?.principal(for: secret) { return cached }
        // One statement, no transaction around it: the lookup function is the only thing that
        // runs, and no tenant is set on a connection outside a transaction.
        let principal = try await database.withConnection { connection -> Principal? in
            let rows = try await connection.query(
                "SELECT organization_id, token_id, user_id, scopes FROM pf_authenticate_token(sha256(convert_to(\(secret), 'UTF8')))",
                logger: database.logger)
            for try await (org, tokenID, userID, scopes) in rows.decode((UUID, UUID, UUID?, [String]).self) {
                return Principal(organizationID: org, userID: userID, credential: .apiToken(id: tokenID),
                                 permissions: Set(scopes.map(PermissionKey.init(rawValue:))))
            }
            return nil
        }
        if let principal { cache?.store(principal, for: secret) }
        return principal
    }

    /// One token as an administrator sees it: never its secret or hash.
    public struct Summary: Sendable, Encodable, Equatable {
        public let id: UUID
        public let name: String
        public let scopes: [String]
        public let userId: UUID?
        public let createdAt: Date
        public let expiresAt: Date
        public let revokedAt: Date?
        /// `active`, `revoked` or `expired`.
        public let status: String
    }

    /// An organization's tokens, newest first, revoked and expired ones included.
    public static func list(organizationID: UUID, on connection: PostgresConnection, logger: Logger) async throws -> [Summary] {
        try await summaries(connection.query("""
            SELECT id, name, scopes, user_id, created_at, expires_at, revoked_at, expires_at > now()
            FROM pf_api_tokens WHERE organization_id = \(organizationID) ORDER BY created_at DESC, id
            """, logger: logger))
    }

    /// Revokes a token at once in the database (a process's `ApiTokenCache` may honour it for up to
    /// its lifetime). 404 for an unknown id or another organization's; 409 when already revoked.
    public static func revoke(_ id: UUID, organizationID: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Summary {
        let revoked = try await summaries(connection.query("""
            UPDATE pf_api_tokens SET revoked_at = now()
            WHERE organization_id = \(organizationID) AND id = \(id) AND revoked_at IS NULL
            RETURNING id, name, scopes, user_id, created_at, expires_at, revoked_at, expires_at > now()
            """, logger: logger))
        if let token = revoked.first { return token }
        let existing = try await summaries(connection.query("""
            SELECT id, name, scopes, user_id, created_at, expires_at, revoked_at, expires_at > now()
            FROM pf_api_tokens WHERE organization_id = \(organizationID) AND id = \(id)
            """, logger: logger))
        guard existing.isEmpty else { throw DomainError(.conflict, code: "ALREADY_REVOKED", message: "The token is already revoked.", field: "id") }
        throw DomainError(.notFound, code: "NOT_FOUND", message: "No token with that id exists in this organization.", field: "id")
    }

    private static func summaries(_ rows: PostgresRowSequence) async throws -> [Summary] {
        var tokens: [Summary] = []
        for try await (id, name, scopes, user, created, expires, revoked, unexpired) in rows.decode((UUID, String, [String], UUID?, Date, Date, Date?, Bool).self) {
            tokens.append(Summary(id: id, name: name, scopes: scopes, userId: user, createdAt: created, expiresAt: expires, revokedAt: revoked,
                                  status: revoked != nil ? "revoked" : unexpired ? "active" : "expired"))
        }
        return tokens
    }

    public static func knownPermissionKeys(on connection: PostgresConnection, logger: Logger) async throws -> Set<PermissionKey> {
        var keys = Set<PermissionKey>()
        for try await key in try await connection.query("SELECT key FROM pf_permission_keys", logger: logger).decode(String.self) {
            keys.insert(PermissionKey(rawValue: key))
        }
        return keys
    }
}
