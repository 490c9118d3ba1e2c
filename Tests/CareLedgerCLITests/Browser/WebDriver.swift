@testable import CareLedgerCLI
import Foundation
import NIOCore
import NIOHTTP1

/// Just enough of the W3C WebDriver protocol to drive a page the way a person does: open a URL,
/// find elements, click, type and read. It talks to `chromedriver` over HTTP with the keep-alive
/// client `bench attendance` uses, so the browser test needs no WebDriver library.
struct WebDriver: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An element reference as WebDriver returns it.
    struct Element: Sendable {
        let id: String
    }

    enum Locator {
        case css(String)
        case xpath(String)

        var body: [String: Any] {
            switch self {
            case .css(let value): ["using": "css selector", "value": value]
            case .xpath(let value): ["using": "xpath", "value": value]
            }
        }
    }

    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    let endpoint: URL
    let sessionID: String

    /// Starts a headless Chromium session with a tablet-sized viewport.
    static func startChromium(driver endpoint: URL, width: Int, height: Int) async throws -> WebDriver {
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": chromiumPath(),
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=\(width),\(height)"],
            ],
        ]]]
        let value = try await send(.POST, endpoint.appendingPathComponent("session"), capabilities)
        guard let session = (value as? [String: Any])?["sessionId"] as? String else {
            throw Failure(description: "chromedriver returned no session: \(String(describing: value))")
        }
        return WebDriver(endpoint: endpoint, sessionID: session)
    }

    static func chromiumPath() -> String {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/chromium"
    }

    func open(_ url: URL) async throws {
        _ = try await command(.POST, "url", ["url": url.absoluteString])
    }

    func find(_ locator: Locator) async throws -> Element {
        try element(from: try await command(.POST, "element", locator.body))
    }

    func findAll(_ locator: Locator) async throws -> [Element] {
        let value = try await command(.POST, "elements", locator.body)
        return try (value as? [Any] ?? []).map(element(from:))
    }

    func click(_ element: Element) async throws {
        _ = try await command(.POST, "element/\(element.id)/click", [:])
    }

    func type(_ text: String, into element: Element) async throws {
        _ = try await command(.POST, "element/\(element.id)/value", ["text": text])
    }

    func text(of element: Element) async throws -> String {
        try await command(.GET, "element/\(element.id)/text", nil) as? String ?? ""
    }

    /// Runs a script in the page and returns what it returned (JSON types).
    func script(_ source: String) async throws -> Any? {
        try await command(.POST, "execute/sync", ["script": source, "args": []])
    }

    func quit() async {
        _ = try? await Self.send(.DELETE, endpoint.appendingPathComponent("session/\(sessionID)"), nil)
    }

    /// Polls until `condition` holds; the page updates asynchronously after each click. The
    /// condition is checked once more at the deadline: a sleep that overran it (a busy machine)
    /// must not fail a page that got there.
    func wait(_ what: String, timeout: Duration = .seconds(10), until condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        if (try? await condition()) == true { return }
        throw Failure(description: "timed out waiting for \(what)")
    }

    private func element(from value: Any?) throws -> Element {
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "not an element: \(String(describing: value))")
        }
        return Element(id: id)
    }

    func command(_ method: HTTPMethod, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        try await Self.send(method, endpoint.appendingPathComponent("session/\(sessionID)/\(path)"), body)
    }

    private static func send(_ method: HTTPMethod, _ url: URL, _ body: [String: Any]?) async throws -> Any? {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let reply = try await exchange(method, url, body: payload, timeout: .seconds(60))
        let decoded = try JSONSerialization.jsonObject(with: reply.body, options: [.fragmentsAllowed]) as? [String: Any]
        let value = decoded?["value"]
        if let error = (value as? [String: Any])?["error"] as? String {
            let message = (value as? [String: Any])?["message"] as? String ?? ""
            throw Failure(description: "\(method) \(url.path): \(error): \(message.prefix(300))")
        }
        return value is NSNull ? nil : value
    }

    /// One request on a fresh loopback connection through the CLI's keep-alive client, given up
    /// after `timeout` so a hung browser fails the test instead of stalling the run.
    /// (FoundationNetworking's URLSession cannot read chromedriver's replies.)
    static func exchange(_ method: HTTPMethod, _ url: URL, body: Data? = nil, timeout: Duration) async throws -> (status: Int, body: Data) {
        guard let port = url.port else { throw Failure(description: "no port in \(url)") }
        let path = url.path.isEmpty ? "/" : url.path
        let headers = body == nil ? [] : [("Content-Type", "application/json")]
        return try await withThrowingTaskGroup(of: (status: Int, body: Data).self) { group in
            group.addTask {
                try await KeepAliveHTTPClient.withConnection(host: "127.0.0.1", port: port) { send in
                    let reply = try await send(method, path, headers, body.map { ByteBuffer(bytes: $0) })
                    return (Int(reply.status.code), Data(reply.body.readableBytesView))
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "\(method) \(url.path) got no reply within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
