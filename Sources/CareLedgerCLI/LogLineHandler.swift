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
    var metadataProvider: Logger.MetadataProvider?

    init(lines: StreamLogHandler) {
        // The provider's values are merged here, so the order stays the stream handler's: the
        // logger's metadata, then the provider's, then the line's own, each winning a shared key.
        metadataProvider = lines.metadataProvider
        self.lines = lines
        self.lines.metadataProvider = nil
    }

    var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, provided in provided } }
        if let own = event.metadata { merged.merge(own) { _, own in own } }
        event.metadata = merged
        lines.log(event: event)
    }
}
