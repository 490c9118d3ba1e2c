import PageMarkup

/// The top of a page: an optional way back, the title in plain words, one line of context and
/// the page's own links.
enum PageHeader {
    struct Link {
        let label: String
        let path: String
    }

    static func render(_ title: String, subtitle: String? = nil, back: Link? = nil, links: [Link] = []) -> Node<HTML.BodyContext> {
        .header(.class("page-header"),
            .unwrap(back) { .p(.class("back"), .a(.href($0.path), .text("← \($0.label)"))) },
            .h1(.text(title)),
            .unwrap(subtitle) { .p(.class("subtitle"), .text($0)) },
            .if(!links.isEmpty, .p(.class("header-links"), .forEach(links) { .a(.href($0.path), .text($0.label)) })))
    }
}
