import PageMarkup
import Platform

/// What a page request sees when it is refused or fails: the status in words and the message,
/// in the page frame, instead of the API's JSON envelope.
enum ErrorPage {
    /// `permissions` are the signed-in viewer's, when there is one: the page then keeps the
    /// navigation bar, so a refused or failed action leaves the user one click from their work.
    static func render(status: Int, title: String, message: String, permissions: Set<PermissionKey>? = nil) -> String {
        Layout.page(title: title, permissions: permissions, content: .div(.class("card narrow"),
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
