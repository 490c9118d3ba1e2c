import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 exchange (`Connection: close`) with a server on 127.0.0.1. FoundationNetworking's URLSession
/// fails on chromedriver's replies ("Failed writing header"), chromedriver refuses HTTP/1.0, and
/// the browser test needs nothing more than one request per connection.
enum LoopbackHTTP {
    struct Reply {
        let status: Int
        let body: Data
    }

    static func send(_ method: String, _ url: URL, body: Data? = nil, timeoutSeconds: Int = 60) throws -> Reply {
        guard let port = url.port else { throw WebDriver.Failure(description: "no port in \(url)") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw WebDriver.Failure(description: "cannot connect to \(url)") }

        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?\(query)" }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        var request = Data((head + "\r\n").utf8)
        if let body { request.append(body) }
        try request.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard written > 0 else { throw WebDriver.Failure(description: "write to \(url) failed") }
                offset += written
            }
        }

        // Some servers keep the connection open despite `Connection: close`; stop at Content-Length.
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isComplete(response) {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw WebDriver.Failure(description: "no reply from \(url) within \(timeoutSeconds) s") }
            response.append(contentsOf: buffer[0..<count])
        }
        guard let (status, _, body) = parse(response) else { throw WebDriver.Failure(description: "unreadable reply from \(url)") }
        let chunked = String(decoding: response.prefix(4096), as: UTF8.self).lowercased().contains("transfer-encoding: chunked")
        return Reply(status: status, body: chunked ? dechunk(body) : body)
    }

    /// Joins a chunked body read to the end of the connection.
    private static func dechunk(_ body: Data) -> Data {
        var result = Data(), rest = body[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)),
              let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            result.append(rest[start..<end])
            rest = rest[rest.index(end, offsetBy: min(2, rest.distance(from: end, to: rest.endIndex)))...]
        }
        return result
    }

    private static func isComplete(_ response: Data) -> Bool {
        guard let (_, length, body) = parse(response), let length else { return false }
        return body.count >= length
    }

    private static func parse(_ response: Data) -> (status: Int, contentLength: Int?, body: Data)? {
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: response[..<split.lowerBound], as: UTF8.self).split(separator: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        let length = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        return (status, length, Data(response[split.upperBound...]))
    }
}
