@testable import CareLedgerCLI
import Logging
import Synchronization
import Testing

@Suite("Log lines")
struct LogLineHandlerTests {
    /// Collects what the handler writes.
    final class Lines: TextOutputStream, Sendable {
        let written = Mutex<[String]>([])
        func write(_ string: String) { written.withLock { $0.append(string) } }
    }

    /// What follows the timestamp, which is the clock's.
    private func tail(_ line: String) -> Substring {
        line.drop { $0 != " " }.dropFirst()
    }

    @Test("the logger's metadata reaches the line sorted with the line's own, which wins a shared key; a line without any has none")
    func metadataAtWriteTime() {
        let lines = Lines()
        var logger = Logger(label: "careledger") { label in
            LogLineHandler(lines: StreamLogHandler(label: label, stream: lines, metadataProvider: nil))
        }
        logger.info("plain")
        logger[metadataKey: "request_id"] = "r-1"
        logger[metadataKey: "organization_id"] = "org-1"
        logger.info("marked", metadata: ["organization_id": "org-2", "code": "LOCKED"], source: "Clinical")
        logger.debug("below the level")
        logger.logLevel = .debug
        logger[metadataKey: "request_id"] = nil
        logger.debug("now written")
        #expect(lines.written.withLock { $0 }.map(tail) == [
            "info careledger: [CareLedgerCLITests] plain\n",
            "info careledger: code=LOCKED organization_id=org-2 request_id=r-1 [Clinical] marked\n",
            "debug careledger: organization_id=org-1 [CareLedgerCLITests] now written\n",
        ])
    }

    @Test("a metadata provider's values come between the logger's and the line's, as in swift-log's stream handler")
    func providerOrder() {
        let lines = Lines()
        let provider = Logger.MetadataProvider { ["request_id": "provided", "trace_id": "t-1"] }
        var logger = Logger(label: "careledger") { label in
            LogLineHandler(lines: StreamLogHandler(label: label, stream: lines, metadataProvider: provider))
        }
        logger[metadataKey: "request_id"] = "r-1"
        logger[metadataKey: "organization_id"] = "org-1"
        logger.info("marked", metadata: ["trace_id": "t-2"])
        #expect(lines.written.withLock { $0 }.map(tail) == [
            "info careledger: organization_id=org-1 request_id=provided trace_id=t-2 [CareLedgerCLITests] marked\n",
        ])
    }
}
