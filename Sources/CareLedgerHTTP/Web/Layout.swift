import PageMarkup

/// The page frame every screen shares: header with the organization and a sign-out
/// button, readable on a phone, tablet and desktop.
enum Layout {
    static func page(title: String, organization: String?, user: String?, content: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .title("\(title) · CareLedger"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .stylesheet("/assets/app.css"),
                .script(.src("/assets/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .header(.class("topbar"),
                    .a(.class("brand"), .href("/"), .text("CareLedger")),
                    .unwrap(organization) { .span(.class("org"), .text($0)) },
                    .unwrap(user) { name in
                        .form(.class("signout"), .action("/sign-out"), .method(.post),
                              .span(.class("user"), .text(name)),
                              .button(.type(.submit), .text("Sign out")))
                    }
                ),
                .main(content)
            )
        )
    }
}
