@testable import CareLedgerCLI
import Testing

/// `bench rules` prints "0 allocations" only if the counter would have seen one.
@Suite("Heap allocation counter")
struct HeapAllocationCounterTests {
    @Test("counts the arrays a closure allocates on its thread, and nothing once they are gone")
    func countsAllocations() {
        let counted = HeapAllocationCounter.counting { () -> Int in
            var total = 0
            for size in 1...10 { total += [Int](repeating: size, count: size + 100).count }
            return total
        }
        #expect(counted.result == 1_055)
        #expect((counted.allocations ?? 0) >= 10)
        let none = HeapAllocationCounter.counting { (1...1_000).reduce(0, &+) }
        #expect(none.result == 500_500)
        #expect(none.allocations == 0)
    }
}
