import Foundation
@testable import Platform
import Testing

@Suite("Programs run for the cluster")
struct ProcessRunnerTests {
    @Test("a program starts with no signal blocked, whatever the calling thread blocks (pgbench ends a timed run on SIGALRM)")
    func childStartsWithNoBlockedSignals() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGALRM)
        sigaddset(&blocked, SIGUSR1)
        // No suspension point until the mask is restored: the spawn happens on this thread.
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let result = Result { try ProcessRunner.run("/bin/grep", ["^SigBlk", "/proc/self/status"], as: .currentUser) }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        let output = try result.get()
        #expect(output.exitCode == 0)
        #expect(output.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test("a program's exit code and its output, standard error included, come back")
    func exitCodeAndOutput() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], as: .currentUser)
        #expect(result.exitCode == 3)
        #expect(result.output == "out\nerr\n")
    }
}
