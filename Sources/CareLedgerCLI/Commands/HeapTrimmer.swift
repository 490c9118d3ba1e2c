import Foundation
import ServiceLifecycle

/// Gives the heap's free pages back to the system when `serve` starts listening and then every
/// `interval` while it runs.
///
/// Loading the demo, migrating and the first requests allocate and free many short-lived buffers
/// across several threads; glibc keeps the freed pages in its per-thread arenas, where they count
/// as resident memory though nothing uses them (about 18 MB of an idle demo server, issue 18).
/// `malloc_trim` returns every free page of every arena; it takes each arena's lock briefly, a
/// few milliseconds for the whole heap, so running it twice a minute costs nothing measurable.
final class HeapTrimmer: Service, Sendable {
    let interval: Duration

    init(interval: Duration = .seconds(30)) {
        self.interval = interval
    }

    /// glibc's `malloc_trim`, looked up once (it is declared in `malloc.h`, which the Glibc module
    /// does not import); `nil` on a C library without it.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim")
        .map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }

    /// Trims once, now.
    static func trim() {
        _ = mallocTrim?(0)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                // Cancellation is how a graceful shutdown reaches this loop: end it quietly.
                try? await Task.sleep(for: self.interval)
                Self.trim()
            }
        }
    }
}
