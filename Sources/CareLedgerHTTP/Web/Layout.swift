import PageMarkup
import Platform

/// The page frame every screen shares: the top bar (organization, navigation for what the
/// viewer may use, sign-out), then the outcome banner, then the page. docs/UI.md says how a
/// page uses it.
enum Layout {
    /// A signed-in page. `section` marks the navigation entry the page belongs to; `outcome` is
    /// what the last action did (a post/redirect/get result or a refusal), shown above everything.
    static func page(title: String, home: HomeQuery, principal: Principal, section: NavigationSection?, outcome: Outcome? = nil,
                     content: Node<HTML.BodyContext>) -> HTML {
        frame(title: title, topbar: topbar(organization: home.organizationName, user: home.displayName, unread: home.unreadNotifications,
                                           navigation: NavigationBar.render(for: principal.permissions, current: section)),
              content: .group(.unwrap(outcome) { $0.banner() }, content))
    }

    /// A page answered without loading the organization (sign-in, an error page): navigation
    /// for the viewer's permissions when signed in, no organization name.
    static func page(title: String, permissions: Set<PermissionKey>?, content: Node<HTML.BodyContext>) -> HTML {
        frame(title: title, topbar: topbar(organization: nil, user: nil, unread: nil,
                                           navigation: permissions.map { NavigationBar.render(for: $0, current: nil) } ?? .empty),
              content: content)
    }

    private static func frame(title: String, topbar: Node<HTML.BodyContext>, content: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .title("\(title) · CareLedger"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .stylesheet("/assets/app.css"),
                .script(.src("/assets/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(topbar, .main(content))
        )
    }

    private static func topbar(organization: String?, user: String?, unread: Int?, navigation: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .header(.class("topbar"),
            .a(.class("brand"), .href("/"), .text("CareLedger")),
            .unwrap(organization) { .span(.class("org"), .text($0)) },
            .unwrap(unread) { inbox(unread: $0) },
            .unwrap(user) { name in
                PageForm.post("/sign-out", class: "signout",
                              .span(.class("user"), .text(name)),
                              .button(.type(.submit), .text("Sign out")))
            },
            navigation
        )
    }

    /// The inbox link: the unread count stands out, so a reminder is seen from any page.
    private static func inbox(unread: Int) -> Node<HTML.BodyContext> {
        .a(.class("inbox"), .id("inbox"), .href("/notifications"),
           .attribute(named: "aria-label", value: unread == 1 ? "Notifications, 1 unread" : "Notifications, \(unread) unread"),
           .text("Notifications"),
           .if(unread > 0, .span(.class("badge unread"), .id("unread-count"), .text(String(unread)))))
    }
}
