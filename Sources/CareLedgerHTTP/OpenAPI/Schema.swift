import Foundation
/// A small JSON Schema, enough to describe the API's bodies in the OpenAPI document.
public indirect enum Schema: Sendable {
    /// A string; `length` and `pattern` state what the server enforces. Every free string also
    /// carries `noControlCharacters`, since `ControlCharacterMiddleware` refuses them everywhere.
    case string(format: String? = nil, enumeration: [String]? = nil, length: ClosedRange<Int>? = nil, pattern: String? = nil)
    case integer
    /// An integer the server accepts only within `range`.
    case integerIn(ClosedRange<Int>)
    case number
    /// A number the server accepts only within `range`.
    case numberIn(ClosedRange<Int>)
    case boolean
    case array(Schema)
    /// An array of `count` items.
    case arrayOf(Schema, count: ClosedRange<Int>)
    case object([(String, Schema)], required: [String])
    /// An object whose route refuses any property it does not name (422 naming it), so the
    /// document says `additionalProperties: false`.
    case closedObject([(String, Schema)], required: [String])
    case ref(String)
    case nullable(Schema)
    /// Exactly one of the alternatives: how a body that names one of two things says so.
    case oneOf([Schema])
    /// At least one of the alternatives: a rule that holds only when another property has a value.
    case anyOf([Schema])
    /// This one value only (`const`), e.g. `false` in the alternative where a flag is off.
    case constant(JSONValue)

    /// The component any JSON value without control characters matches, at any depth: what
    /// `ControlCharacterMiddleware` lets through in properties no route reads.
    public static let cleanJSONName = "CleanJSON"

    static var cleanJSON: JSONValue {
        let clean = Schema.ref(cleanJSONName).json
        return .object([("oneOf", .array([
            .object([("type", .string("null"))]), .object([("type", .string("boolean"))]), .object([("type", .string("number"))]),
            .object([("type", .string("string")), ("pattern", .string(noControlCharacters))]),
            .object([("type", .string("array")), ("items", clean)]),
            .object([("type", .string("object")), ("propertyNames", .object([("pattern", .string(noControlCharacters))])),
                     ("additionalProperties", clean)]),
        ]))])
    }

    var orNull: Schema {
        if case .nullable = self { return self }
        return .nullable(self)
    }

    /// No C0/C1 control character nor DEL, except tab and line breaks (`ControlCharacters`).
    static let noControlCharacters = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"

    /// Text that must hold something besides spaces and tabs (the server trims them), within `length` characters.
    public static func text(_ length: ClosedRange<Int> = 1...Int.max) -> Schema {
        .string(length: length, pattern: nonBlankPattern)
    }

    static let nonBlankPattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*[^ \\t\\u0000-\\u0008\\u000A-\\u001F\\u007F-\\u009F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"

    var json: JSONValue {
        switch self {
        case let .string(format, enumeration, length, pattern):
            var object: [(String, JSONValue)] = [("type", .string("string"))]
            if let format { object.append(("format", .string(format))) }
            if let enumeration { object.append(("enum", .array(enumeration.map(JSONValue.string)))) }
            if let length {
                object.append(("minLength", .number(length.lowerBound)))
                if length.upperBound < Int.max { object.append(("maxLength", .number(length.upperBound))) }
            }
            if let pattern {
                object.append(("pattern", .string(pattern)))
            } else if format == nil, enumeration == nil {
                object.append(("pattern", .string(Self.noControlCharacters)))
            }
            return .object(object)
        case .integer: return .object([("type", .string("integer")), ("format", .string("int64"))])
        case .integerIn(let range):
            return .object([("type", .string("integer")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))])
        case let .arrayOf(items, count):
            var object: [(String, JSONValue)] = [("type", .string("array")), ("items", items.json), ("minItems", .number(count.lowerBound))]
            if count.upperBound < Int.max { object.append(("maxItems", .number(count.upperBound))) }
            return .object(object)
        case .number: return .object([("type", .string("number"))])
        case .numberIn(let range):
            return .object([("type", .string("number")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))])
        case .boolean: return .object([("type", .string("boolean"))])
        case .array(let items): return .object([("type", .string("array")), ("items", items.json)])
        case let .object(properties, required):
            // Properties no route knows are ignored, but their text is still judged at the edge.
            // An optional property decodes `null` as absent, so the document says it may be null.
            return .object([("type", .string("object")), ("properties", .object(properties.map { name, schema in
                                (name, required.contains(name) ? schema.json : schema.orNull.json)
                            })),
                            ("required", .array(required.map(JSONValue.string))),
                            ("propertyNames", .object([("pattern", .string(Self.noControlCharacters))])),
                            ("additionalProperties", Schema.ref(Self.cleanJSONName).json)])
        case let .closedObject(properties, required):
            // Its route decodes each property itself, so a property says `null` only where it is `.nullable`.
            return .object([("type", .string("object")), ("properties", .object(properties.map { ($0, $1.json) })),
                            ("required", .array(required.map(JSONValue.string))),
                            ("additionalProperties", .bool(false))])
        case .ref(let name): return .object([("$ref", .string("#/components/schemas/\(name)"))])
        case .nullable(let inner):
            return .object([("oneOf", .array([inner.json, .object([("type", .string("null"))])]))])
        case .oneOf(let alternatives): return .object([("oneOf", .array(alternatives.map(\.json)))])
        case .anyOf(let alternatives): return .object([("anyOf", .array(alternatives.map(\.json)))])
        case .constant(let value): return .object([("const", value)])
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
