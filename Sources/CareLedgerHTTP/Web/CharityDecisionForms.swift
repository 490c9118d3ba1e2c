import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The supervisor's approve and deny forms for a submitted charity care application, shown only
/// to holders of `pm.financial_counseling.approve_charity`. A refusal is shown beside the
/// application it is about.
enum CharityDecisionForms {
    /// A refused decision: the application, the field (when one is at fault) and why.
    struct Refusal {
        let applicationID: UUID
        let field: String?
        let message: String
        let typed: [String: String]
    }

    /// The approval as posted: a discount of 1–100 percent (default 100) and an optional
    /// expiration date (default: the core's 12 months). 422 naming the field when unreadable.
    static func approval(_ fields: [String: String]) throws -> (discountPercent: Int, expirationDate: ServiceDate?) {
        let percentText = (fields["discount_percent"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let percent = percentText.isEmpty ? 100 : Int(percentText) else {
            throw DomainError.invalid("discount_percent", "The discount is a whole percent from 1 to 100.")
        }
        let dateText = (fields["expiration_date"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !dateText.isEmpty else { return (percent, nil) }
        guard let date = ServiceDate(dateText) else { throw DomainError.invalid("expiration_date", "Use a date such as 2027-03-31.") }
        return (percent, date)
    }

    static func render(_ application: CharityCareApplication, refusal: Refusal?) -> Node<HTML.BodyContext> {
        let id = application.id.uuidString.lowercased()
        let mine = refusal?.applicationID == application.id ? refusal : nil
        let typed = mine?.typed ?? [:]
        return .div(.class("decision-forms"),
            .unwrap(mine) { refusal in .p(.class("error"), .id("decision-error"), .attribute(named: "role", value: "alert"), .text(refusal.message)) },
            PageForm.post("/charity-care-applications/\(id)/approve", class: "decision",
                .label(.text("Discount %"), .input(.type(.number), .name("discount_percent"), .attribute(named: "min", value: "1"),
                                                   .attribute(named: "max", value: "100"), .value(typed["discount_percent"] ?? "100"))),
                .label(.text("Expires (default 12 months)"), .input(.type(.date), .name("expiration_date"), .value(typed["expiration_date"] ?? ""))),
                .button(.class("primary"), .type(.submit), .text("Approve charity care"))),
            PageForm.post("/charity-care-applications/\(id)/deny", class: "decision",
                .label(.text("Reason for denial"), .input(.type(.text), .name("denial_reason"), .attribute(named: "maxlength", value: "500"),
                                                          .value(typed["denial_reason"] ?? ""))),
                .button(.class("danger"), .type(.submit), .text("Deny"))))
    }
}
