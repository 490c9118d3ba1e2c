import PageMarkup

/// What the last action did, shown in one banner at the top of the page: a success after a
/// post/redirect/get, a refusal, or a warning. Words first; a code, when there is one, stays
/// small for support.
struct Outcome {
    enum Kind: String { case success, refusal, warning, info }

    let kind: Kind
    let title: String
    var detail: String? = nil
    var code: String? = nil
    /// Buttons or links that resolve the outcome (e.g. "Mark everyone still scheduled as absent").
    var actions: [Action] = []

    /// A follow-up the banner offers: a link, or a plain POST form.
    struct Action {
        let label: String
        let path: String
        let post: Bool
    }

    static func success(_ title: String, _ detail: String? = nil) -> Outcome { Outcome(kind: .success, title: title, detail: detail) }
    static func refusal(_ title: String, _ detail: String? = nil, code: String? = nil) -> Outcome {
        Outcome(kind: .refusal, title: title, detail: detail, code: code)
    }
    static func warning(_ title: String, _ detail: String? = nil) -> Outcome { Outcome(kind: .warning, title: title, detail: detail) }

    func banner() -> Node<HTML.BodyContext> {
        .div(.class("outcome outcome-\(kind.rawValue)"), .id("outcome"),
             .attribute(named: "role", value: kind == .refusal ? "alert" : "status"),
             .strong(.text(title)),
             .unwrap(detail) { .p(.text($0)) },
             .unwrap(code) { .span(.class("support-code"), .text("Code for support: \($0)")) },
             .if(!actions.isEmpty, .div(.class("actions"), .forEach(actions) { action in
                 action.post ? PageForm.post(action.path, .button(.type(.submit), .class("primary"), .text(action.label)))
                             : .a(.class("button"), .href(action.path), .text(action.label))
             })))
    }
}
