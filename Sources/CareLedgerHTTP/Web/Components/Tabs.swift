import PageMarkup

/// Tabs that look like tabs: separate 44 px targets on a rule, the open one marked both for the
/// eye and for assistive technology (`aria-current`).
enum Tabs {
    struct Tab {
        let label: String
        let path: String
        let current: Bool
    }

    static func render(_ tabs: [Tab], label: String) -> Node<HTML.BodyContext> {
        .nav(.class("tabs"), .attribute(named: "aria-label", value: label),
             .forEach(tabs) { tab in
                 .a(.class("tab"), .href(tab.path), .if(tab.current, .attribute(named: "aria-current", value: "page")), .text(tab.label))
             })
    }
}
