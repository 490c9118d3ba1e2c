import Foundation
import Platform
import PlatformTesting
import Testing

/// PF-08 form templates: validation of templates and answers, versions that never change.
@Suite("Forms")
struct FormsTests {
    @Test("a template refuses repeated or malformed keys and empty labels, naming the field",
          arguments: [([FormField(key: "a", label: "A", kind: .text), FormField(key: "a", label: "B", kind: .text)], "fields[1].key"),
                      ([FormField(key: "Bad Key", label: "A", kind: .text)], "fields[0].key"),
                      ([FormField(key: "ok", label: " ", kind: .number)], "fields[0].label"),
                      ([], "fields")])
    func templateValidation(fields: [FormField], field: String) {
        #expect { try FormTemplate(fields: fields).validate() } throws: { ($0 as? DomainError)?.field == field }
    }

    static let template = FormTemplate(fields: [FormField(key: "employer", label: "Employer", kind: .text, required: true),
                                                FormField(key: "hours", label: "Hours a week", kind: .number),
                                                FormField(key: "start", label: "Start date", kind: .date),
                                                FormField(key: "stubs", label: "Pay stubs seen", kind: .boolean)])

    @Test("answers must fit their fields", arguments: [
        (["hours": FormAnswer.number(20)], "answers.employer"),
        (["employer": .text("A"), "hours": .text("twenty")], "answers.hours"),
        (["employer": .text("A"), "start": .text("2026-02-30")], "answers.start"),
        (["employer": .text("A"), "stubs": .number(1)], "answers.stubs"),
        (["employer": .text("A"), "shoe_size": .number(9)], "answers.shoe_size"),
    ] as [([String: FormAnswer], String)])
    func answerValidation(answers: [String: FormAnswer], field: String) {
        #expect { try Self.template.validate(answers: answers) } throws: { ($0 as? DomainError)?.field == field }
    }

    @Test("JSON true is a yes/no answer, not the number 1")
    func answerDecoding() throws {
        let decoded = try JSONDecoder().decode([String: FormAnswer].self, from: Data(#"{"a": true, "b": 2.5, "c": "x"}"#.utf8))
        #expect(decoded == ["a": .boolean(true), "b": .number(2.5), "c": .text("x")])
    }

    @Test("a new version leaves the earlier one as it was, and a snapshot takes the version named")
    func versions() async throws {
        try await TestDatabase.with { db in
            let tenant = try await TestTenant.create("Forms", permissions: [.auditRead], database: db.database)
            let (first, second, snapshot) = try await db.database.withTenant(tenant.organizationID) { tx in
                let first = try await Forms.create(key: "income-intake", name: "Income intake", template: Self.template, by: nil, in: tx)
                let second = try await Forms.addVersion(formID: first.formID, template: FormTemplate(fields: [FormField(key: "notes", label: "Notes", kind: .text)]),
                                                        by: nil, in: tx)
                let snapshot = try await Forms.snapshot(formID: first.formID, version: 1, answers: ["employer": .text("Acme")], in: tx)
                return (first, second, snapshot)
            }
            #expect(second.version == 2)
            let reread = try await db.database.withTenant(tenant.organizationID) { tx in try await Forms.version(formID: first.formID, version: 1, in: tx) }
            #expect(reread.template == Self.template)
            #expect(snapshot.fields == Self.template.fields && snapshot.version == 1)
            #expect(try FormSnapshot.decode(json: try snapshot.json()) == snapshot)
            await #expect(throws: DomainError.notFound("form version")) {
                try await db.database.withTenant(tenant.organizationID) { tx in _ = try await Forms.version(formID: first.formID, version: 3, in: tx) }
            }
            // Versions are immutable for the application role.
            await #expect(throws: (any Error).self) {
                try await db.database.withTenant(tenant.organizationID) { tx in
                    try await tx.query("UPDATE pf_form_versions SET definition = '{}'::jsonb WHERE form_id = \(first.formID)")
                }
            }
        }
    }
}
