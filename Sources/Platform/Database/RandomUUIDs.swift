public import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension UUID {
    /// A random (version 4) UUID. Foundation's `UUID()` on Linux opens, reads and closes
    /// `/dev/urandom` for every id (about 3.5 µs and three system calls on the 2-core machine);
    /// this draws its bytes from the kernel's generator in one call (`arc4random_buf`, which is
    /// `getrandom` in glibc 2.36). Every random id the product makes comes from here; the outbox's
    /// event ids are time-ordered (`timeOrdered(count:at:)`).
    public static func random() -> UUID {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { arc4random_buf($0.baseAddress!, $0.count) }
        return UUID(version4: bytes)
    }

    /// `count` random UUIDs from one draw of the kernel's generator (an event batch's ids).
    public static func random(count: Int) -> [UUID] {
        guard count > 0 else { return [] }
        var pool = [UInt8](repeating: 0, count: count * 16)
        pool.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        return pool.withUnsafeBytes { raw in
            (0..<count).map { UUID(version4: raw.loadUnaligned(fromByteOffset: $0 * 16, as: uuid_t.self)) }
        }
    }

    /// Sets the version (4) and the variant (RFC 4122) bits over random bytes.
    private init(version4 bytes: uuid_t) {
        var bytes = bytes
        bytes.6 = (bytes.6 & 0x0F) | 0x40
        bytes.8 = (bytes.8 & 0x3F) | 0x80
        self.init(uuid: bytes)
    }
}
