import PageMarkup

/// The sign-in form. A failed attempt re-renders it with the email kept and one message.
enum SignInPage {
    static func render(email: String = "", error: String? = nil) -> String {
        Layout.page(title: "Sign in", permissions: nil, content: .div(.class("card narrow"),
            .h1("Sign in"),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.action("/sign-in"), .method(.post),
                .label(.for("email"), "Email"),
                .input(.type(.email), .name("email"), .id("email"), .value(email), .required(true),
                       .attribute(named: "autocomplete", value: "username")),
                .label(.for("password"), "Password"),
                .input(.type(.password), .name("password"), .id("password"), .required(true),
                       .attribute(named: "autocomplete", value: "current-password")),
                .button(.type(.submit), .class("primary"), .text("Sign in"))
            )
        )).render()
    }
}
