import Foundation

/// Counts the heap allocations (`malloc`, `calloc`, `realloc`, `memalign`, …) a stretch of code
/// makes, with glibc's own allocation tracer: `mtrace()` in `libc_malloc_debug.so`, preloaded by
/// re-running the command with `LD_PRELOAD` and `MALLOC_TRACE` set. Nothing is interposed in the
/// product itself, and outside `counting` the tracer is off (the preloaded library only checks a
/// flag per allocation). Every thread's allocations are traced while counting, so the counted
/// stretch should run while the rest of the process is idle.
enum MallocTrace {
    static let library = "/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0"
    private static let traceVariable = "MALLOC_TRACE"

    /// Re-executes this process with the tracer preloaded, once; returns (without re-executing)
    /// when it is already loaded or glibc's tracer is not installed.
    static func reexecutePreloaded() {
        guard ProcessInfo.processInfo.environment[traceVariable] == nil,
              FileManager.default.fileExists(atPath: library) else { return }
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-malloc-\(getpid()).trace").path
        setenv(traceVariable, trace, 1)
        let preload = ProcessInfo.processInfo.environment["LD_PRELOAD"].map { "\(library):\($0)" } ?? library
        setenv("LD_PRELOAD", preload, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv returns only on failure: carry on without counting.
    }

    /// Runs `body` with the tracer on and returns its result and the allocations traced, or `nil`
    /// when the tracer is not loaded in this process.
    static func counting<T>(_ body: () -> T) -> (result: T, allocations: Int?) {
        // libc.so.6 keeps do-nothing `mtrace`/`muntrace` as the default version; the tracer's are
        // the preloaded library's GLIBC_2.2.5 versions, which only `dlvsym` returns.
        typealias VersionedSymbol = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>, UnsafePointer<CChar>) -> UnsafeMutableRawPointer?
        typealias Toggle = @convention(c) () -> Void
        guard let path = ProcessInfo.processInfo.environment[traceVariable],
              let tracer = dlopen(library, RTLD_NOW | RTLD_NOLOAD),
              let lookup = dlsym(dlopen(nil, RTLD_NOW), "dlvsym").map({ unsafeBitCast($0, to: VersionedSymbol.self) }),
              let start = lookup(tracer, "mtrace", "GLIBC_2.2.5"), let stop = lookup(tracer, "muntrace", "GLIBC_2.2.5")
        else { return (body(), nil) }
        unlink(path)
        unsafeBitCast(start, to: Toggle.self)()
        let result = body()
        unsafeBitCast(stop, to: Toggle.self)()
        defer { unlink(path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return (result, nil) }
        // "@ caller + 0xADDRESS 0xSIZE" is an allocation, "@ caller > 0xADDRESS 0xSIZE" a realloc's new block.
        let allocations = text.split(separator: "\n").count { line in
            let fields = line.split(separator: " ")
            return fields.count >= 3 && (fields[2] == "+" || fields[2] == ">")
        }
        return (result, allocations)
    }
}
