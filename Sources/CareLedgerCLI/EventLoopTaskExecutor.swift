import NIOCore
import NIOPosix

/// Runs the command's tasks on NIO's event loops rather than on Swift's global pool.
///
/// Every request crosses between the two many times: a socket's bytes arrive on an event loop,
/// the handler's task runs on the pool, its query is written on the database connection's loop,
/// the rows resume the task on the pool again, and the reply is written on the HTTP channel's
/// loop. Each crossing is a thread wake-up: `bench attendance` counted about nine thread
/// switches per mark. With this executor preferred, a job enqueued from an event loop runs on
/// that same loop (`any()` stays on the current loop), so most crossings become a function
/// call. Work that blocks a thread must still leave the loops (bcrypt goes to `NIOThreadPool`).
final class EventLoopTaskExecutor: TaskExecutor {
    static let singleton = EventLoopTaskExecutor(group: .singleton)

    private let group: MultiThreadedEventLoopGroup

    init(group: MultiThreadedEventLoopGroup) { self.group = group }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        group.any().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
