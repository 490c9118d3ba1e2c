public import Foundation

/// Waiting for a child process the test runner started. `Process.waitUntilExit` can miss a
/// child's exit under the test runner (the child stays defunct and the wait never returns), so
/// this reaps it with `waitpid` itself, polling, and kills it after `timeout`. It polls with
/// `Task.sleep`, not `usleep`: the suite's tests share a cooperative pool of one thread per core,
/// and a blocking wait for a command that runs for seconds held a thread the whole time, so on a
/// 2-core machine two such waits stalled every other test (a browser test's 10 s wait overran).
public enum ChildExit {
    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    /// The child's exit status (128 + signal when a signal ended it).
    public static func wait(for process: Process, timeout: Duration = .seconds(300)) async throws -> Int32 {
        let pid = process.processIdentifier
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if reaped == -1 {
                // Foundation reaped it first: its own record of the exit is then complete.
                while process.isRunning { try await Task.sleep(for: .milliseconds(1)) }
                return process.terminationStatus
            }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw TimedOut(description: "\(process.executableURL?.lastPathComponent ?? "child") ran longer than \(timeout) and was killed")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
