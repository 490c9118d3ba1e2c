import PageMarkup

/// Every page's POST form is built here, so what each one must carry (e.g. an anti-forgery
/// field) is added in one place. GET forms (filters) are plain `.form(.method(.get))`.
enum PageForm {
    static func post(_ action: String, class className: String? = nil, id: String? = nil,
                     _ nodes: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        post(action, class: className, id: id, nodes: nodes)
    }

    static func post(_ action: String, class className: String? = nil, id: String? = nil,
                     nodes: [Node<HTML.FormContext>]) -> Node<HTML.BodyContext> {
        let attributes: [Node<HTML.FormContext>] = [
            .attribute(named: "action", value: action),
            .attribute(named: "method", value: "post"),
            .attribute(named: "class", value: className),
            .attribute(named: "id", value: id),
        ]
        return .element(named: "form", nodes: attributes + nodes)
    }
}
