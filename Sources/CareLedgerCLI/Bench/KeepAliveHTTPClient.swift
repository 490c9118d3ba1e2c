import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One persistent HTTP/1.1 connection, one request at a time: what a browser tab or an
/// integration's worker does. The benchmark runs one per simulated client, so the figures
/// include real sockets, parsing and routing, not an in-process shortcut.
struct KeepAliveHTTPClient {
    struct Reply {
        let status: HTTPResponseStatus
        let body: ByteBuffer
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Connects, runs `body` with a function that sends requests on the connection, then closes.
    static func withConnection<T: Sendable>(
        host: String, port: Int, group: MultiThreadedEventLoopGroup = .singleton,
        _ body: (_ send: (HTTPMethod, String, [(String, String)], ByteBuffer?) async throws -> Reply) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var responses = inbound.makeAsyncIterator()
            return try await body { method, path, headers, payload in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
                head.headers.add(name: "Host", value: "\(host):\(port)")
                for (name, value) in headers { head.headers.add(name: name, value: value) }
                if let payload { head.headers.add(name: "Content-Length", value: "\(payload.readableBytes)") }
                // Head, body and end in one write: one flush, so a request leaves in one segment.
                var parts: [HTTPClientRequestPart] = [.head(head)]
                if let payload { parts.append(.body(.byteBuffer(payload))) }
                parts.append(.end(nil))
                try await outbound.write(contentsOf: parts)
                var status: HTTPResponseStatus?
                var collected = ByteBuffer()
                while let part = try await responses.next() {
                    switch part {
                    case .head(let response): status = response.status
                    case .body(var chunk): collected.writeBuffer(&chunk)
                    case .end:
                        guard let status else { throw Failure(description: "response ended before its head") }
                        return Reply(status: status, body: collected)
                    }
                }
                throw Failure(description: "the server closed the connection")
            }
        }
    }
}
