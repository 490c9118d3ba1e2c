import Foundation
@testable import Platform
import Testing

@Suite("Time-ordered UUIDs")
struct TimeOrderedUUIDTests {
    /// Version 7 and the RFC 9562 variant, read off the canonical text.
    static func isVersion7(_ id: UUID) -> Bool {
        let text = Array(id.uuidString)
        return text[14] == "7" && "89AB".contains(text[19])
    }

    /// Byte order, which is how PostgreSQL compares uuids (the canonical text in upper case sorts the same way).
    static func ascending(_ ids: [UUID]) -> Bool {
        zip(ids, ids.dropFirst()).allSatisfy { $0.uuidString < $1.uuidString }
    }

    @Test("a batch is version 7, ascending, and carries its millisecond in the first 48 bits")
    func batch() {
        let time = Date(timeIntervalSince1970: 1_796_264_123.456)
        let ids = UUID.timeOrdered(count: 3_000, at: time)
        #expect(ids.count == 3_000)
        #expect(ids.allSatisfy(Self.isVersion7))
        #expect(Self.ascending(ids))
        #expect(Set(ids).count == ids.count)
        let milliseconds = withUnsafeBytes(of: ids[0].uuid) { bytes in (0..<6).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) } }
        #expect(milliseconds == 1_796_264_123_456)
        #expect(UUID.timeOrdered(count: 0).isEmpty)
    }

    @Test("later batches sort after earlier ones, and batches of one millisecond draw apart")
    func batchesInTime() {
        let earlier = UUID.timeOrdered(count: 5, at: Date(timeIntervalSince1970: 1_000))
        let later = UUID.timeOrdered(count: 5, at: Date(timeIntervalSince1970: 1_000.002))
        #expect(Self.ascending(earlier + later))
        let sameTime = Date(timeIntervalSince1970: 2_000)
        #expect(Set(UUID.timeOrdered(count: 100, at: sameTime)).isDisjoint(with: UUID.timeOrdered(count: 100, at: sameTime)))
    }

    @Test("the counter carries from its low 62 bits into its high 12 without touching the version or variant")
    func carry() {
        let ids = UUID.timeOrdered(count: 4, milliseconds: 7, draw: (0x07FF, 0x3FFF_FFFF_FFFF_FFFE))
        #expect(ids.allSatisfy(Self.isVersion7))
        #expect(Self.ascending(ids))
        #expect(ids.map(\.uuidString) == [
            "00000000-0007-77FF-BFFF-FFFFFFFFFFFE", "00000000-0007-77FF-BFFF-FFFFFFFFFFFF",
            "00000000-0007-7800-8000-000000000000", "00000000-0007-7800-8000-000000000001",
        ])
        // The draw's top counter bit is cleared whatever the kernel gives, so a batch never reaches the version.
        #expect(UUID.timeOrdered(count: 1, milliseconds: 7, draw: (0xFFFF, .max))[0].uuidString == "00000000-0007-77FF-BFFF-FFFFFFFFFFFF")
    }
}
