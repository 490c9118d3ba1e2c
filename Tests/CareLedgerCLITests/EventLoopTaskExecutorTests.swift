@testable import CareLedgerCLI
import NIOCore
import NIOPosix
import Testing

/// The executor every command's tasks prefer: jobs run on NIO's event loops, and a task resumed
/// from a loop goes on there instead of waking another thread.
@Suite("Event-loop task executor")
struct EventLoopTaskExecutorTests {
    @Test("a task, its children and its resumptions run on the singleton group's event loops")
    func runsOnEventLoops() async throws {
        let onLoops = try await withTaskExecutorPreference(EventLoopTaskExecutor.singleton) {
            var seen = [MultiThreadedEventLoopGroup.currentEventLoop != nil]
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            // Resumed by a future completed on a loop, as a query's rows or a socket's bytes resume a handler.
            let value = try await loop.scheduleTask(in: .milliseconds(5)) { 42 }.futureResult.get()
            seen.append(value == 42 && MultiThreadedEventLoopGroup.currentEventLoop != nil)
            let children = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for _ in 0..<8 { group.addTask { MultiThreadedEventLoopGroup.currentEventLoop != nil } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            return seen + children
        }
        #expect(onLoops.count == 10)
        #expect(onLoops.allSatisfy { $0 })
        // Outside the preference, tasks run on Swift's global pool, which is not a loop.
        let outside = await Task.detached { MultiThreadedEventLoopGroup.currentEventLoop != nil }.value
        #expect(!outside)
    }
}
