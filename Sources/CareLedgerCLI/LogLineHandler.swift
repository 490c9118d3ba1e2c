import Logging

/// The product's log lines: swift-log's stream format on standard error, with the logger's
/// metadata formatted when a line is written rather than each time a key is set.
///
/// Why: `StreamLogHandler` formats its whole metadata on every change, and every request sets
/// two keys (`request_id`, then `organization_id`) and usually logs nothing; those two formats
/// were about 2% of the server's CPU per mark (`bench attendance`). Lines are unchanged: the
/// metadata reaches `StreamLogHandler` with the line, under the line's own keys.
struct LogLineHandler: LogHandler {
    private var lines: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(lines: StreamLogHandler) {
        self.lines = lines
    }

    var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { lines.metadataProvider }
        set { lines.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, lines in lines }
        }
        lines.log(event: event)
    }
}
