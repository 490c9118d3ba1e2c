import NIOCore
import NIOPosix

/// Where `bench attendance` runs its load: the HTTP clients and the floor's connections. By
/// default they share the server's event loops, as they always have. With threads of their own
/// (`--client-threads`), the load runs on a second group whose threads' CPU is counted apart,
/// as if the load were a process of its own: the product's cost per mark can then be told from
/// the load generator's, and the floor's database work from its client's.
struct LoadClientLoops: Sendable {
    /// The load's own group, or nil when it shares the server's loops.
    let own: MultiThreadedEventLoopGroup?
    /// Runs the load's tasks on its loops, so each reply resumes its client without a thread hop.
    let executor: (any TaskExecutor)?

    /// What NIO names the threads of a group made with `MultiThreadedEventLoopGroup(numberOfThreads:)`;
    /// the server's are the singleton's (`NIO-SGLTN-…`).
    static let threadNamePrefix = "NIO-ELT-"

    init(threads: Int) {
        own = threads > 0 ? MultiThreadedEventLoopGroup(numberOfThreads: threads) : nil
        executor = own.map { EventLoopTaskExecutor(group: $0) }
    }

    var group: MultiThreadedEventLoopGroup { own ?? .singleton }

    /// The thread-name prefix to count the load's CPU by, when it has loops of its own.
    var countedThreads: String? { own == nil ? nil : Self.threadNamePrefix }

    func shutdown() async throws {
        try await own?.shutdownGracefully()
    }
}
