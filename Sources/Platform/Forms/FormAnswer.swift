import Foundation

/// One answer on a filled-in form: text (also dates, `YYYY-MM-DD`), a number or yes/no.
public enum FormAnswer: Sendable, Codable, Equatable {
    case text(String)
    case number(Double)
    case boolean(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool first: a JSON true must not read as the number 1.
        if let value = try? container.decode(Bool.self) { self = .boolean(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        }
    }
}

extension FormTemplate {
    /// Checks answers against the fields: every required field answered, no unknown key, each
    /// answer of its field's kind. The error names the field as `answers.<key>`.
    public func validate(answers: [String: FormAnswer]) throws {
        let byKey = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
        for key in answers.keys.sorted() where byKey[key] == nil {
            throw DomainError.invalid("answers.\(key)", "The form has no field \(key).")
        }
        for field in fields {
            guard let answer = answers[field.key] else {
                if field.required { throw DomainError.invalid("answers.\(field.key)", "\(field.key) is required.") }
                continue
            }
            let fits: Bool = switch (field.kind, answer) {
            case (.text, .text(let value)): value.count <= 4000
            case (.date, .text(let value)): ServiceDate(value) != nil
            case (.number, .number(let value)): value.isFinite
            case (.boolean, .boolean): true
            default: false
            }
            guard fits else { throw DomainError.invalid("answers.\(field.key)", "\(field.key) takes a \(field.kind.rawValue) answer.") }
        }
    }
}
