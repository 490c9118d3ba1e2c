import PostgresNIO
public import Foundation
import Logging

/// Password sign-in and the session cookie that follows it.
public enum WebSessions {
    public static let cookieName = "careledger_session"
    public static let lifetime: TimeInterval = 12 * 3600

    /// One organization a signing-in user belongs to.
    public struct Membership: Sendable, Equatable {
        public let organizationID: UUID
        public let organizationName: String
        public let membershipID: UUID
    }

    public struct SignedIn: Sendable {
        public let secret: String
        public let organizationID: UUID
        public let expiresAt: Date
    }

    /// Why a sign-in was refused, for the caller's throttle; the answer to the client is the same either way.
    public enum Refusal: Sendable, Equatable {
        case unknownAccount
        /// A wrong password for a known user, audited as `auth.sign_in_failed` in each of the user's organizations.
        case wrongPassword(userID: UUID)
    }

    /// The refusal both cases answer, so accounts cannot be probed.
    public static let refused = DomainError(.unauthorized, code: "SIGN_IN_FAILED", message: "That email and password do not match an account.")

    /// Checks the password and opens a session in the chosen (or first) organization.
    /// Unknown email and wrong password answer the same, so accounts cannot be probed.
    public static func signIn(email: String, password: String, organizationID: UUID?, database: Database) async throws -> SignedIn {
        switch try await attempt(email: email, password: password, organizationID: organizationID, database: database) {
        case .success(let signedIn): return signedIn
        case .failure: throw refused
        }
    }

    /// `signIn`, telling the caller why a refusal happened. A wrong password for a known user is
    /// audited (the user's id only); a typed email that names no user is not recorded anywhere,
    /// since it may be a mistyped address or a password typed in the wrong box.
    public static func attempt(email: String, password: String, organizationID: UUID?,
                               database: Database) async throws -> Result<SignedIn, SignInRefused> {
        let candidates = try await database.withoutTenant { connection in
            var rows: [(UUID, String?, UUID, String, UUID)] = []
            for try await row in try await connection.query(
                "SELECT user_id, password_hash, organization_id, organization_name, membership_id FROM pf_sign_in_candidates(\(email))",
                logger: database.logger).decode((UUID, String?, UUID, String, UUID).self) { rows.append(row) }
            return rows.map { SendableCandidate(userID: $0.0, passwordHash: $0.1, organizationID: $0.2, membershipID: $0.4) }
        }
        guard let first = candidates.first, let hash = first.passwordHash else {
            _ = try? await PasswordHasher.hash(password) // same cost whether or not the account exists
            return .failure(SignInRefused(reason: .unknownAccount))
        }
        guard try await PasswordHasher.verify(password, hash: hash) else {
            for organization in Set(candidates.map(\.organizationID)) {
                try await database.withTenant(organization) { tx in
                    try await AuditLog.record(AuditEntry(action: "auth.sign_in_failed", entityType: "user", entityID: first.userID.uuidString),
                                              by: nil, in: tx)
                }
            }
            return .failure(SignInRefused(reason: .wrongPassword(userID: first.userID)))
        }
        let chosen = candidates.first { $0.organizationID == organizationID } ?? first
        let secret = SecretToken.generate(prefix: "cls")
        let expiresAt = Date().addingTimeInterval(lifetime)
        try await database.withTenant(chosen.organizationID) { tx in
            try await tx.query("""
                INSERT INTO pf_web_sessions (organization_id, id, session_hash, membership_id, expires_at)
                VALUES (\(chosen.organizationID), \(UUID.random()), sha256(convert_to(\(secret), 'UTF8')), \(chosen.membershipID), \(expiresAt))
                """)
        }
        return .success(SignedIn(secret: secret, organizationID: chosen.organizationID, expiresAt: expiresAt))
    }

    /// A refused sign-in and why (`Result` needs an `Error`).
    public struct SignInRefused: Error, Sendable, Equatable {
        public let reason: Refusal
    }

    private struct SendableCandidate: Sendable {
        let userID: UUID
        let passwordHash: String?
        let organizationID: UUID
        let membershipID: UUID
    }

    /// The principal a session cookie stands for, or nil when it is unknown or expired.
    public static func authenticate(_ secret: String, database: Database) async throws -> Principal? {
        guard secret.hasPrefix("cls_"), secret.count < 200 else { return nil }
        return try await database.withoutTenant { connection in
            for try await (org, sessionID, membershipID, userID, keys) in try await connection.query(
                "SELECT organization_id, session_id, membership_id, user_id, permissions FROM pf_authenticate_session(sha256(convert_to(\(secret), 'UTF8')))",
                logger: database.logger).decode((UUID, UUID, UUID, UUID, [String]).self) {
                return Principal(organizationID: org, userID: userID, credential: .webSession(id: sessionID, membershipID: membershipID),
                                 permissions: Set(keys.map(PermissionKey.init(rawValue:))))
            }
            return nil
        }
    }

    /// Ends a session.
    public static func signOut(_ principal: Principal, database: Database) async throws {
        guard case .webSession(let sessionID, _) = principal.credential else { return }
        try await database.withTenant(principal.organizationID) { tx in
            try await tx.query("DELETE FROM pf_web_sessions WHERE id = \(sessionID)")
        }
    }
}
