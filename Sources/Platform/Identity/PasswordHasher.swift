import PostgresNIO
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on the blocking thread pool so it never stalls the event loops.
public enum PasswordHasher {
    public static let cost: UInt8 = 10

    public static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
