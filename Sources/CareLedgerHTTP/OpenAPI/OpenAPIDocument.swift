import Foundation

/// Builds the OpenAPI 3.1 document from the registry.
public enum OpenAPIDocument {
    public static func build(_ registry: APIRegistry, version: String) -> String {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in registry.all {
            let entry = describe(operation)
            if let index = paths.firstIndex(where: { $0.0 == operation.openAPIPath }) {
                paths[index].1.append((operation.method.rawValue.lowercased(), entry))
            } else {
                paths.append((operation.openAPIPath, [(operation.method.rawValue.lowercased(), entry)]))
            }
        }
        var components: [(String, JSONValue)] = [("Error", errorSchema.json), (Schema.cleanJSONName, Schema.cleanJSON)]
        components += registry.schemas.get().map { ($0.0, $0.1.json) }
        let document: JSONValue = .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("CareLedger API")), ("version", .string(version)),
                              ("description", .string("Group therapy sessions to clean claims, for behavioral-health practices. Errors share one envelope; every response carries X-Request-Id."))])),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object(components)),
                ("securitySchemes", .object([
                    ("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))])),
                    ("session", .object([("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string("careledger_session"))])),
                ])),
            ])),
        ])
        return document.serialized()
    }

    static let errorSchema = Schema.object([
        ("error", .object([("code", .string()), ("message", .string()), ("field", .string())], required: ["code", "message"])),
    ], required: ["error"])

    static func describe(_ operation: APIOperation) -> JSONValue {
        var entry: [(String, JSONValue)] = [("summary", .string(operation.summary)),
                                            ("operationId", .string(operationID(operation)))]
        var parameters = operation.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { name -> JSONValue in
            .object([("name", .string(String(name.dropFirst()))), ("in", .string("path")), ("required", .bool(true)),
                     ("schema", pathParameterSchema(String(name.dropFirst())).json)])
        }
        parameters += operation.queryParameters.map { parameter in
            .object([("name", .string(parameter.name)), ("in", .string("query")), ("required", .bool(parameter.required)),
                     ("description", .string(parameter.description + " An empty value counts as given (and is refused when not valid).")),
                     ("schema", singleLine(parameter.schema).json)])
        }
        if !parameters.isEmpty { entry.append(("parameters", .array(parameters))) }
        if let permission = operation.permission {
            entry.append(("description", .string("Requires the permission `\(permission.rawValue)`.")))
            entry.append(("security", .array([.object([("bearer", .array([]))]), .object([("session", .array([]))])])))
        }
        if let body = operation.requestBody {
            entry.append(("requestBody", .object([("required", .bool(true)), ("content", .object([
                ("application/json", .object([("schema", body.json)])),
            ]))])))
        }
        var responses: [(String, JSONValue)] = [
            ("\(operation.successStatus)", .object([("description", .string("Success")), ("content", .object(
                [(operation.responseContentType, .object([("schema", operation.response.json)]))]
                    + operation.alternateResponses.map { ($0.mediaType, .object([("schema", $0.schema.json)])) }
            ))])),
        ]
        for status in operation.errorStatuses {
            responses.append(("\(status)", .object([("description", .string(HTTPStatusText.text(status))), ("content", .object([
                ("application/json", .object([("schema", Schema.ref("Error").json)])),
            ]))])))
        }
        entry.append(("responses", .object(responses)))
        return .object(entry)
    }

    /// Path parameters named `id`/`…Id` are UUIDs (anything else names no row: 404); `state` is a
    /// two-letter state code. Others are single-line strings.
    static func pathParameterSchema(_ name: String) -> Schema {
        if name == "id" || name.hasSuffix("Id") { return .string(format: "uuid") }
        if name == "state" { return .string(pattern: "^[A-Z]{2}$") }
        return .string(length: 1...Int.max, pattern: singleLinePattern)
    }

    /// A query or path value may hold no control character at all, not even a line break.
    static let singleLinePattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"

    static func singleLine(_ schema: Schema) -> Schema {
        if case let .string(format, enumeration, length, nil) = schema, format == nil, enumeration == nil {
            return .string(length: length ?? 1...Int.max, pattern: singleLinePattern)
        }
        return schema
    }

    static func operationID(_ operation: APIOperation) -> String {
        let words = operation.path.split(separator: "/").dropFirst(2).map { $0.hasPrefix(":") ? "By" + $0.dropFirst().capitalized : $0.capitalized }
        return operation.method.rawValue.lowercased() + words.joined().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
    }
}

enum HTTPStatusText {
    static func text(_ status: Int) -> String {
        switch status {
        case 400: "Malformed request"
        case 401: "No valid credentials"
        case 403: "Missing permission"
        case 404: "Unknown, or another organization's"
        case 409: "Illegal transition, stale version or locked"
        case 413: "Body too large"
        case 415: "A cookie-authenticated write whose body is not JSON"
        case 422: "Well-formed but invalid"
        case 503: "Database unavailable"
        default: "Error"
        }
    }
}
