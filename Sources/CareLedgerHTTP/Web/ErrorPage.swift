import PageMarkup

/// What a page request sees when it is refused or fails: the status in words and the message,
/// in the page frame, instead of the API's JSON envelope.
enum ErrorPage {
    static func render(status: Int, title: String, message: String) -> String {
        Layout.page(title: title, organization: nil, user: nil, content: .div(.class("card narrow"),
            .h1(.text(title)),
            .p(.class("error"), .attribute(named: "role", value: "alert"), .text(message)),
            .p(.a(.href("/"), .text("Back to CareLedger"))),
            .p(.small(.text("HTTP \(status)")))
        )).render()
    }

    /// Paths answered in JSON whatever went wrong: the API and the machine-read endpoints.
    static func answersJSON(path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/api" || ["/health", "/ready", "/openapi.json", "/metrics"].contains(path)
    }
}
