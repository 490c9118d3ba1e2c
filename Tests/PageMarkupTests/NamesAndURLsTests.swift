import PageMarkup
import Testing

@Suite("Names and URLs the renderer refuses")
struct NamesAndURLsTests {
    @Test("attribute names that could end the tag, add an attribute or attach a handler are left out", arguments: [
        ("data-ok", true), ("aria-label", true), ("xlink:href", true), ("data_x.y", true), ("open", true),
        ("x\"y", false), ("x y", false), ("x>y", false), ("x=y", false), ("x/y", false), ("x'y", false),
        ("", false), ("1x", false), ("-x", false), ("onclick", false), ("ONload", false), ("dätä", false),
    ])
    func attributeNames(_ name: String, _ written: Bool) {
        let node: Node<HTML.BodyContext> = .div(.attribute(named: name, value: "v"), .text("t"))
        #expect(node.render() == (written ? "<div \(name.lowercased())=\"v\">t</div>" : "<div>t</div>"))
    }

    @Test("an element with a name that is not a plain tag name is left out around its escaped content", arguments: [
        ("details", true), ("xss-probe", true), ("h2", true),
        ("script src=x", false), ("a><b", false), ("", false), ("2col", false),
    ])
    func elementNames(_ name: String, _ written: Bool) {
        let node: Node<HTML.BodyContext> = .element(named: name, nodes: [.attribute(named: "id", value: "i"), .text("<t>")])
        #expect(node.render() == (written ? "<\(name) id=\"i\">&lt;t&gt;</\(name)>" : "&lt;t&gt;"))
    }

    @Test("URL attributes that would run script become about:invalid", arguments: [
        ("javascript:alert(1)", "about:invalid"),
        ("  JavaScript:alert(1)", "about:invalid"),
        ("java\tscript:alert(1)", "about:invalid"),
        ("\u{1}vbscript:x", "about:invalid"),
        ("data:text/html,<script>", "about:invalid"),
        ("/claims/1?x=javascript:", "/claims/1?x=javascript:"),
        ("https://example.org/a", "https://example.org/a"),
        ("/group-sessions", "/group-sessions"),
    ])
    func urls(_ written: String, _ rendered: String) {
        let link: Node<HTML.BodyContext> = .a(.href(written))
        #expect(link.render() == "<a href=\"\(rendered)\"></a>")
        let form: Node<HTML.BodyContext> = .form(.action(written))
        #expect(form.render() == "<form action=\"\(rendered)\"></form>")
        let other: Node<HTML.BodyContext> = .div(.attribute(named: "data-url", value: written))
        #expect(!other.render().contains("about:invalid"), "only URL attributes are checked")
    }
}
