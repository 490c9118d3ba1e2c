import Foundation
import Platform
import Testing

@Suite("Random UUIDs")
struct RandomUUIDTests {
    /// Version 4 and the RFC 4122 variant, read off the canonical text.
    static func isVersion4(_ id: UUID) -> Bool {
        let text = Array(id.uuidString)
        return text[14] == "4" && "89AB".contains(text[19])
    }

    @Test("single and batched ids are version 4, distinct, and every random bit varies")
    func version4AndDistinct() {
        let ids = UUID.random(count: 5_000) + (0..<1_000).map { _ in UUID.random() }
        #expect(ids.allSatisfy(Self.isVersion4))
        #expect(Set(ids).count == ids.count)
        // A byte left unfilled (or filled once and repeated) would leave bits that never change.
        var seenSet = [UInt8](repeating: 0, count: 16), seenClear = [UInt8](repeating: 0, count: 16)
        for id in ids {
            withUnsafeBytes(of: id.uuid) { bytes in
                for index in 0..<16 {
                    seenSet[index] |= bytes[index]
                    seenClear[index] |= ~bytes[index]
                }
            }
        }
        let varying = zip(seenSet, seenClear).map { $0 & $1 }
        // All 128 bits vary except the 4 version bits (byte 6, high nibble) and the 2 variant bits (byte 8, top two).
        #expect(varying[6] == 0x0F)
        #expect(varying[8] == 0x3F)
        #expect(varying.enumerated().allSatisfy { $0.offset == 6 || $0.offset == 8 || $0.element == 0xFF })
    }

    @Test("a batch of none is empty, and batches differ from one another")
    func batches() {
        #expect(UUID.random(count: 0).isEmpty)
        #expect(Set(UUID.random(count: 3)).isDisjoint(with: UUID.random(count: 3)))
    }
}
