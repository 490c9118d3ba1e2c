import Foundation
/// A small JSON Schema, enough to describe the API's bodies in the OpenAPI document.
public indirect enum Schema: Sendable {
    case string(format: String? = nil, enumeration: [String]? = nil)
    case integer
    case number
    case boolean
    case array(Schema)
    case object([(String, Schema)], required: [String])
    case ref(String)
    case nullable(Schema)

    var json: JSONValue {
        switch self {
        case let .string(format, enumeration):
            var object: [(String, JSONValue)] = [("type", .string("string"))]
            if let format { object.append(("format", .string(format))) }
            if let enumeration { object.append(("enum", .array(enumeration.map(JSONValue.string)))) }
            return .object(object)
        case .integer: return .object([("type", .string("integer"))])
        case .number: return .object([("type", .string("number"))])
        case .boolean: return .object([("type", .string("boolean"))])
        case .array(let items): return .object([("type", .string("array")), ("items", items.json)])
        case let .object(properties, required):
            return .object([("type", .string("object")), ("properties", .object(properties.map { ($0.0, $0.1.json) })),
                            ("required", .array(required.map(JSONValue.string)))])
        case .ref(let name): return .object([("$ref", .string("#/components/schemas/\(name)"))])
        case .nullable(let inner):
            return .object([("oneOf", .array([inner.json, .object([("type", .string("null"))])]))])
        }
    }
}

/// Ordered JSON, so the document reads in the order it was written.
public indirect enum JSONValue: Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public func serialized() -> String {
        switch self {
        case .string(let s): return "\"" + s.jsonEscaped() + "\""
        case .number(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map { $0.serialized() }.joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { "\"\($0.0.jsonEscaped())\":\($0.1.serialized())" }.joined(separator: ",") + "}"
        }
    }
}

extension String {
    func jsonEscaped() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
