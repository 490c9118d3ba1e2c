import Platform
import PostgresNIO

extension DatabaseSettings {
    /// The application role's connection, with the pool that serves requests.
    ///
    /// The pool arms timers each time a connection goes back to it: an idle timeout for a
    /// connection beyond `warmConnections`, and a keep-alive ping. Each is a sleeping task on a
    /// Dispatch timer, cancelled at the next lease; under `bench attendance` they more than
    /// doubled the process's thread switches per mark (3.0 against 1.3). The warm connections
    /// open at start and never time out, so ordinary load leases only them. Keep-alive pings
    /// find a connection a middlebox dropped while it idled; a Unix socket has none, so they
    /// stay on for TCP only.
    func requestPool(maximumConnections: Int = 40, warmConnections: Int = 16) -> PostgresClient.Configuration {
        var configuration = application
        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = maximumConnections
        options.minimumConnections = min(warmConnections, maximumConnections)
        if configuration.unixSocketPath != nil { options.keepAliveBehavior = nil }
        configuration.options = options
        return configuration
    }
}
