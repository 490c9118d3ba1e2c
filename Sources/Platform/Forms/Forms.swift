public import Foundation
import PostgresNIO

/// A stored version of a form template.
public struct FormVersion: Sendable, Codable, Equatable {
    public let formID: UUID
    public let key: String
    public let name: String
    public let version: Int
    public let template: FormTemplate
}

/// PF-08 form templates: creating a form, adding versions, and taking a snapshot of a version
/// with answers for a record that uses it.
public enum Forms {
    /// Creates a form with its first version.
    public static func create(key: String, name: String, template: FormTemplate, by principal: Principal?,
                              in tx: TenantTransaction) async throws -> FormVersion {
        guard (2...63).contains(key.count), let first = key.unicodeScalars.first, ("a"..."z").contains(first),
              key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            throw DomainError.invalid("key", "A form key is 2 to 63 lower-case letters, digits, hyphens or underscores, starting with a letter.")
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count) else { throw DomainError.invalid("name", "A form needs a name of at most 200 characters.") }
        try template.validate()
        let id = UUID.random()
        try await tx.query("INSERT INTO pf_forms (organization_id, id, key, name) VALUES (\(tx.organizationID), \(id), \(key), \(name))")
        try await insertVersion(formID: id, version: 1, template: template, by: principal, in: tx)
        try await AuditLog.record(AuditEntry(action: "form.created", entityType: "form", entityID: id.uuidString, details: ["key": key]),
                                  by: principal, in: tx)
        return FormVersion(formID: id, key: key, name: name, version: 1, template: template)
    }

    /// Adds the next version of a form; earlier versions stay as they were.
    public static func addVersion(formID: UUID, template: FormTemplate, by principal: Principal?, in tx: TenantTransaction) async throws -> FormVersion {
        try template.validate()
        // The form row's lock orders concurrent editors, so each gets its own version number.
        guard let row = try await tx.rows("SELECT key, name FROM pf_forms WHERE id = \(formID) FOR UPDATE").first else {
            throw DomainError.notFound("form")
        }
        let (key, name) = try row.decode((String, String).self)
        let next = try await tx.rows("SELECT coalesce(max(version), 0) + 1 FROM pf_form_versions WHERE form_id = \(formID)")[0].decode(Int.self)
        try await insertVersion(formID: formID, version: next, template: template, by: principal, in: tx)
        try await AuditLog.record(AuditEntry(action: "form.version-added", entityType: "form", entityID: formID.uuidString,
                                             details: ["version": String(next)]), by: principal, in: tx)
        return FormVersion(formID: formID, key: key, name: name, version: next, template: template)
    }

    /// One version of a form; 404 when the form or the version does not exist here.
    public static func version(formID: UUID, version: Int, in tx: TenantTransaction) async throws -> FormVersion {
        let rows = try await tx.rows("""
            SELECT f.key, f.name, v.definition::text FROM pf_form_versions v JOIN pf_forms f ON f.organization_id = v.organization_id AND f.id = v.form_id
            WHERE v.form_id = \(formID) AND v.version = \(version)
            """)
        guard let row = rows.first else { throw DomainError.notFound("form version") }
        let (key, name, definition) = try row.decode((String, String, String).self)
        let template = try JSONDecoder().decode(FormTemplate.self, from: Data(definition.utf8))
        return FormVersion(formID: formID, key: key, name: name, version: version, template: template)
    }

    /// The snapshot a record stores: the named version with the answers, checked against it.
    public static func snapshot(formID: UUID, version: Int, answers: [String: FormAnswer], in tx: TenantTransaction) async throws -> FormSnapshot {
        let form = try await self.version(formID: formID, version: version, in: tx)
        try form.template.validate(answers: answers)
        return FormSnapshot(formID: formID, formKey: form.key, formName: form.name, version: version, fields: form.template.fields, answers: answers)
    }

    private static func insertVersion(formID: UUID, version: Int, template: FormTemplate, by principal: Principal?, in tx: TenantTransaction) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let definition = String(decoding: try encoder.encode(template), as: UTF8.self)
        try await tx.query("""
            INSERT INTO pf_form_versions (organization_id, form_id, version, definition, created_by)
            VALUES (\(tx.organizationID), \(formID), \(version), \(definition)::jsonb, \(principal?.userID))
            """)
    }
}
