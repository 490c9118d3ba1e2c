public import Foundation

/// What a record keeps of a form it used: the template version exactly as it was, and the
/// answers. Stored once with the record and never rewritten, whatever later versions say.
public struct FormSnapshot: Sendable, Codable, Equatable {
    public let formID: UUID
    public let formKey: String
    public let formName: String
    public let version: Int
    public let fields: [FormField]
    public let answers: [String: FormAnswer]

    enum CodingKeys: String, CodingKey {
        case formID = "form_id", formKey = "form_key", formName = "form_name", version, fields, answers
    }

    /// The snapshot as JSON text, for a `jsonb` column.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a snapshot back from its JSON text.
    public static func decode(json: String) throws -> FormSnapshot {
        try JSONDecoder().decode(FormSnapshot.self, from: Data(json.utf8))
    }
}
