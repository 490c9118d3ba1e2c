import Foundation
public import Hummingbird
import NIOCore
import Platform

extension Request {
    /// Decodes a JSON body. Malformed JSON answers 400; a missing field or a wrong type
    /// answers 422 naming the field; a body over the size limit answers 413.
    /// Types whose coding keys are already the API's snake-case names pass `snakeCaseKeys: false`.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext, snakeCaseKeys: Bool = true) async throws -> T {
        let data = try await bodyData(context: context)
        guard !data.isEmpty else { throw DomainError(.badRequest, code: "MALFORMED_JSON", message: "The request needs a JSON body.") }
        let decoder = JSONDecoder()
        if snakeCaseKeys { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: data)
        } catch DecodingError.dataCorrupted(let detail) where detail.codingPath.isEmpty {
            // Foundation also reports a number that does not fit its field (1.5 for a whole
            // number) as data that is not JSON, without the field: the body is told apart here.
            guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
                throw DomainError(.badRequest, code: "MALFORMED_JSON", message: "The body is not valid JSON.")
            }
            throw DomainError(.unprocessable, code: "WRONG_TYPE", message: "A number in the body does not fit its field: a whole number is expected there, or a smaller one.")
        } catch DecodingError.dataCorrupted(let detail) {
            throw DomainError.invalid(Self.path(detail.codingPath), "The value is not valid here.")
        } catch DecodingError.keyNotFound(let key, let detail) {
            throw DomainError.invalid(Self.path(detail.codingPath + [key]), "This field is required.", code: "MISSING_FIELD")
        } catch DecodingError.valueNotFound(_, let detail) {
            throw DomainError.invalid(Self.path(detail.codingPath), "This field may not be null.", code: "MISSING_FIELD")
        } catch DecodingError.typeMismatch(let expected, let detail) {
            throw DomainError.invalid(Self.path(detail.codingPath), "Expected \(Self.jsonTypeName(expected)).", code: "WRONG_TYPE")
        }
    }

    /// The raw body, for bodies a core reads itself (a FHIR bundle); over the size limit answers 413.
    func bodyData(context: AppRequestContext) async throws -> Data {
        var request = self
        do {
            return Data(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DomainError(.payloadTooLarge, code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than \(context.maxUploadSize) bytes.")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue.snakeCased() }
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is UUID.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a different type"
        }
    }
}

extension String {
    /// `stateCode` → `state_code`, `patientID` → `patient_id`, `unmarkedRowIDs` → `unmarked_row_ids`:
    /// an underscore where a lower-case letter or digit meets a capital, then all lower case.
    func snakeCased() -> String {
        // Every coding key of every response passes here, so Swift identifiers (ASCII) are
        // converted byte by byte, without Unicode's case tables.
        if let ascii = utf8.withContiguousStorageIfAvailable({ Self.asciiSnakeCased($0) }) ?? Self.asciiSnakeCased(Array(utf8)) {
            return ascii
        }
        var result = ""
        var previous: Character?
        for character in self {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result += character.lowercased()
            previous = character
        }
        return result
    }

    /// The same rule over ASCII bytes; nil when `bytes` are not all ASCII.
    private static func asciiSnakeCased(_ bytes: some Collection<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4)
        var previous: UInt8?
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let isUpper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            if isUpper, let previous, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous) {
                result.append(UInt8(ascii: "_"))
            }
            result.append(isUpper ? byte + 32 : byte)
            previous = byte
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Encodes an API response as JSON with snake-case keys.
public struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    let value: Value
    let status: HTTPResponse.Status

    public init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try SortedKeysJSONEncoder.api.encode(value))))
    }
}

extension SortedKeysJSONEncoder {
    /// The API's replies: snake-case keys (`snakeCased`), ISO-8601 dates, sorted keys.
    static let api = SortedKeysJSONEncoder { $0.snakeCased() }
}
