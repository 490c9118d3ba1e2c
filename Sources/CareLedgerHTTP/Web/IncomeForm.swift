import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The income form on a patient's financial page: one household, one income source. Its
/// "Preview FPL" button is a plain GET of the page (the page script also previews as the
/// counselor types, through the preview API); "Record session" posts the session. Amounts are
/// typed in dollars.
struct IncomeForm {
    var date: String
    var householdSize: String
    var kind: String
    var amount: String
    var frequency: String
    var verified: Bool

    /// A refused field and its message, shown beside the field.
    struct Refusal {
        let field: String?
        let message: String
    }

    /// The typed values (query or posted body); the date defaults to the organization's today.
    init(_ fields: [String: String], today: ServiceDate) {
        date = fields["date"].flatMap { $0.isEmpty ? nil : $0 } ?? today.description
        householdSize = fields["household_size"] ?? "1"
        kind = fields["kind"] ?? IncomeKind.wages.rawValue
        amount = fields["amount"] ?? ""
        frequency = fields["frequency"] ?? IncomeFrequency.monthly.rawValue
        verified = fields["income_verified"] == "yes"
    }

    /// The income source as typed; 422 naming `household_size` or `amount` when they are not numbers.
    func parsed() throws -> (householdSize: Int, source: IncomeSourceInput) {
        guard let household = Int(householdSize.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.invalid("household_size", "Household size is a whole number, 1 or more.")
        }
        guard let cents = BillingSettingsForms.cents(amount.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.invalid("amount", "Enter the income in dollars, e.g. 1850.00.")
        }
        return (household, IncomeSourceInput(kind: kind, amountCents: cents, frequency: frequency))
    }

    /// What the core records; verification is now, by the signed-in counselor, when ticked.
    func sessionInput(now: Date) throws -> CounselingSessionInput {
        let (household, source) = try parsed()
        return CounselingSessionInput(sessionDate: date, householdSize: household, incomeSources: [source], incomeVerifiedAt: verified ? now : nil)
    }

    /// The form's name for a field the core refused (`income_sources[0].amount_cents` → `amount`).
    static func formField(_ field: String?) -> String? {
        guard let field else { return nil }
        if field == "session_date" { return "date" }
        if field.hasPrefix("income_sources") {
            if field.hasSuffix("amount_cents") { return "amount" }
            if field.hasSuffix("frequency") { return "frequency" }
            if field.hasSuffix("kind") { return "kind" }
            return "amount"
        }
        return field
    }

    /// The form; `recordAction` is nil for viewers who may preview but not record.
    func render(pagePath: String, recordAction: String?, refusal: Refusal?) -> Node<HTML.BodyContext> {
        let preview: Node<HTML.FormContext> = .button(.type(.submit), .attribute(named: "formmethod", value: "get"),
                                                      .attribute(named: "formaction", value: pagePath), .text("Preview FPL"))
        let fields: [Node<HTML.FormContext>] = [
            .label(.text("Session date"), .input(.type(.date), .name("date"), .value(date))),
            Self.error(for: "date", refusal),
            .label(.text("Household size"), .input(.type(.number), .name("household_size"), .attribute(named: "min", value: "1"), .value(householdSize))),
            Self.error(for: "household_size", refusal),
            .label(.text("Income kind"), .select(.attribute(named: "name", value: "kind"), .forEach(IncomeKind.allCases) { kind in
                GroupSessionPages.option(kind.rawValue, PlainWords.sentence(kind.rawValue), selected: self.kind == kind.rawValue)
            })),
            Self.error(for: "kind", refusal),
            .label(.text("Amount (dollars)"), .input(.type(.text), .name("amount"), .attribute(named: "inputmode", value: "decimal"),
                                                     .attribute(named: "placeholder", value: "1850.00"), .value(amount))),
            Self.error(for: "amount", refusal),
            .label(.text("Received"), .select(.attribute(named: "name", value: "frequency"), .forEach(IncomeFrequency.allCases) { frequency in
                GroupSessionPages.option(frequency.rawValue, Self.frequencyWords(frequency), selected: self.frequency == frequency.rawValue)
            })),
            Self.error(for: "frequency", refusal),
        ]
        guard let recordAction else {
            let attributes: [Node<HTML.FormContext>] = [.attribute(named: "method", value: "get"), .attribute(named: "action", value: pagePath),
                                                        .id("income-form")]
            let actions: Node<HTML.FormContext> = .div(.class("actions"), preview)
            return .element(named: "form", nodes: attributes + fields + [actions])
        }
        let verify: Node<HTML.FormContext> = .label(.class("check"),
            .input(.type(.checkbox), .name("income_verified"), .value("yes"), .if(verified, .attribute(named: "checked", value: "checked"))),
            .text(" Income verified (documents seen)"))
        let record: Node<HTML.FormContext> = .button(.class("primary"), .type(.submit), .text("Record session"))
        let actions: Node<HTML.FormContext> = .div(.class("actions"), preview, record)
        return PageForm.post(recordAction, id: "income-form", nodes: fields + [verify, actions])
    }

    static func error(for field: String, _ refusal: Refusal?) -> Node<HTML.FormContext> {
        guard let refusal, formField(refusal.field) == field else { return .empty }
        return .p(.class("error"), .id("error-\(field)"), .attribute(named: "role", value: "alert"), .text(refusal.message))
    }

    static func frequencyWords(_ frequency: IncomeFrequency) -> String {
        switch frequency {
        case .weekly: "Every week"
        case .biweekly: "Every two weeks"
        case .semimonthly: "Twice a month"
        case .monthly: "Every month"
        case .yearly: "Every year"
        }
    }
}
