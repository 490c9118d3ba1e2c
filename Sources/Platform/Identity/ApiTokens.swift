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
        let id = UUID()
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

    public static func knownPermissionKeys(on connection: PostgresConnection, logger: Logger) async throws -> Set<PermissionKey> {
        var keys = Set<PermissionKey>()
        for try await key in try await connection.query("SELECT key FROM pf_permission_keys", logger: logger).decode(String.self) {
            keys.insert(PermissionKey(rawValue: key))
        }
        return keys
    }
}
