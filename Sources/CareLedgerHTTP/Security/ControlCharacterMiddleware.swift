import Foundation
public import Hummingbird
import NIOCore
import Platform

/// Refuses a control character anywhere a request carries text — path segments, query
/// parameters, JSON bodies, API form bodies and text uploads (CSV) — with 422 naming the field,
/// before any route runs. One check at the edge, so no route (including ones added later) can
/// hand PostgreSQL a NUL and answer 500. A page's form body is the one exception: pages read it
/// only through `FormBody.read`, which removes the characters and carries the refusal to the
/// route, so the form comes back with the field's message.
public struct ControlCharacterMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try Self.checkPath(request, context: context)
        let isAPI = request.uri.path.hasPrefix("/api/")
        for (name, value) in request.uri.queryParameters {
            if ControlCharacters.contains(name, in: .singleLine) { throw Self.refusal("query") }
            if ControlCharacters.contains(value, in: .singleLine) { throw Self.refusal(String(name)) }
            // An API parameter sent empty is given, not absent: refused rather than silently ignored.
            // Pages' GET forms send their empty fields, which mean "any".
            if isAPI, value.isEmpty {
                throw DomainError.invalid(String(name), "Give \(name) a value, or leave it out.", code: "EMPTY_PARAMETER")
            }
        }
        guard let kind = Self.bodyKind(request.headers[.contentType]) else { return try await next(request, context) }
        // A page's form is judged by `FormBody.read` instead, so the page answers with its form and
        // the field's message rather than an error page.
        if kind == .form, !isAPI { return try await next(request, context) }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.largestBody)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DomainError(.payloadTooLarge, code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than \(Self.largestBody) bytes.")
        }
        try Self.checkBody(Data(buffer: buffer), kind: kind)
        return try await next(request, context)
    }

    /// The largest body any route reads (a schedule file); each route still applies its own limit.
    static let largestBody = 4 << 20

    enum BodyKind { case json, form, text }

    static func bodyKind(_ contentType: String?) -> BodyKind? {
        guard let mediaType = MediaType.essence(of: contentType) else { return nil }
        if MediaType.isJSON(mediaType) { return .json }
        if mediaType == "application/x-www-form-urlencoded" { return .form }
        if mediaType.hasPrefix("text/") { return .text }
        return nil
    }

    static func checkBody(_ data: Data, kind: BodyKind) throws {
        switch kind {
        case .json:
            guard data.withUnsafeBytes({ ControlCharacters.mayHoldRefused(json: $0) }) else { return }
            // Malformed JSON is left to the route, which answers 400; a raw control character
            // inside a JSON string is malformed JSON already.
            guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
            if let field = ControlCharacters.firstField(inJSON: value) { throw refusal(field.isEmpty ? "body" : field) }
        case .form:
            for (name, value) in FormBody.uncheckedPairs(String(decoding: data, as: UTF8.self)) {
                if ControlCharacters.contains(name, in: .singleLine) { throw refusal("body") }
                if ControlCharacters.contains(value, in: .multiLine) { throw refusal(name) }
            }
        case .text:
            let text = String(decoding: data, as: UTF8.self)
            guard ControlCharacters.contains(text, in: .multiLine) else { return }
            let line = text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { ControlCharacters.contains($0, in: .multiLine) }.map { $0 + 1 } ?? 1
            throw DomainError.invalid("body", "Line \(line) holds a control character (such as NUL); remove it and send the file again.",
                                      code: "CONTROL_CHARACTER")
        }
    }

    /// A path segment, named by the route's parameter when the segment is one (`id`, `rowId`).
    static func checkPath(_ request: Request, context: Context) throws {
        // Every request passes here: a path of printable ASCII with no escapes holds no control
        // character, and is let through without decoding its segments.
        let path = request.uri.path
        if path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") }) { return }
        let segments = path.split(separator: "/")
        guard let bad = segments.first(where: { ControlCharacters.contains($0.removingPercentEncoding ?? String($0), in: .singleLine) })
        else { return }
        let decoded = bad.removingPercentEncoding ?? String(bad)
        let name = context.parameters.first { ($0.value.removingPercentEncoding ?? String($0.value)) == decoded }?.key
        throw refusal(name.map(String.init) ?? "path")
    }

    static func refusal(_ field: String) -> DomainError {
        DomainError.invalid(field, "This value holds a control character (such as NUL), which is not allowed.", code: "CONTROL_CHARACTER")
    }
}
