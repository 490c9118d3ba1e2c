import Foundation

/// The kind of answer a form field takes.
public enum FormFieldKind: String, Sendable, Codable, Equatable, CaseIterable {
    case text, number, boolean, date
}

/// One question of a form template.
public struct FormField: Sendable, Codable, Equatable {
    public let key: String
    public let label: String
    public let kind: FormFieldKind
    public let required: Bool

    public init(key: String, label: String, kind: FormFieldKind, required: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
    }
}

/// A PF-08 form definition: an ordered list of fields. A stored version never changes.
public struct FormTemplate: Sendable, Codable, Equatable {
    public let fields: [FormField]

    public init(fields: [FormField]) { self.fields = fields }

    /// Refuses an empty or oversized form, a malformed or repeated key, or an empty label.
    public func validate() throws {
        guard (1...60).contains(fields.count) else { throw DomainError.invalid("fields", "A form has between 1 and 60 fields.") }
        var seen = Set<String>()
        for (index, field) in fields.enumerated() {
            let name = "fields[\(index)]"
            guard Self.isValidKey(field.key) else {
                throw DomainError.invalid("\(name).key", "A field key is lower-case letters, digits and underscores, starting with a letter (at most 40).")
            }
            guard seen.insert(field.key).inserted else { throw DomainError.invalid("\(name).key", "Field key \(field.key) appears twice.") }
            let label = field.label.trimmingCharacters(in: .whitespaces)
            guard (1...200).contains(label.count) else { throw DomainError.invalid("\(name).label", "A field needs a label of at most 200 characters.") }
        }
    }

    static func isValidKey(_ key: String) -> Bool {
        guard (1...40).contains(key.count), let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
