import PageMarkup
import Testing

@Suite("Escaping: every character that can start markup or end a value, in text and in attributes")
struct EscapingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let written: String
        let rendered: String
        var testDescription: String { written }
    }

    static let characters: [Case] = [
        Case(written: "&", rendered: "&amp;"),
        Case(written: "<", rendered: "&lt;"),
        Case(written: ">", rendered: "&gt;"),
        Case(written: "\"", rendered: "&quot;"),
        Case(written: "'", rendered: "&#39;"),
        Case(written: "&amp;", rendered: "&amp;amp;"),
        Case(written: "\"><script>alert(1)</script>", rendered: "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        Case(written: "' onmouseover='x", rendered: "&#39; onmouseover=&#39;x"),
        Case(written: "Group · Café 1:1", rendered: "Group · Café 1:1"),
        Case(written: "", rendered: ""),
    ]

    @Test("text", arguments: characters)
    func text(_ c: Case) {
        let node: Node<HTML.BodyContext> = .p(.text(c.written))
        #expect(node.render() == "<p>\(c.rendered)</p>")
    }

    @Test("a string literal is text", arguments: characters)
    func literal(_ c: Case) {
        let node: Node<HTML.BodyContext> = .h1("\(c.written)")
        #expect(node.render() == "<h1>\(c.rendered)</h1>")
    }

    @Test("attribute values, through named and generic attributes", arguments: characters.filter { !$0.written.isEmpty })
    func attributes(_ c: Case) {
        let node: Node<HTML.BodyContext> = .span(.class(c.written), .id(c.written), .attribute(named: "title", value: c.written))
        #expect(node.render() == "<span class=\"\(c.rendered)\" id=\"\(c.rendered)\" title=\"\(c.rendered)\"></span>")
    }

    @Test("an input's value and a textarea's text", arguments: characters.filter { !$0.written.isEmpty })
    func formControls(_ c: Case) {
        let input: Node<HTML.FormContext> = .input(.type(.text), .name("topic"), .value(c.written))
        #expect(input.render() == "<input type=\"text\" name=\"topic\" value=\"\(c.rendered)\">")
        let area: Node<HTML.FormContext> = .textarea(.name("notes"), .text(c.written))
        #expect(area.render() == "<textarea name=\"notes\">\(c.rendered)</textarea>")
    }

    @Test("a link's query string keeps its meaning", arguments: [
        ("/x?a=1&b=2", "/x?a=1&amp;b=2"),
        ("/group-sessions?group_type=\"><script>", "/group-sessions?group_type=&quot;&gt;&lt;script&gt;"),
    ])
    func href(_ written: String, _ rendered: String) {
        let node: Node<HTML.BodyContext> = .a(.href(written), .text("go"))
        #expect(node.render() == "<a href=\"\(rendered)\">go</a>")
    }

    @Test("the document title and meta content")
    func head() {
        let page = HTML(.head(.title("<b>&"), .meta(.name("description"), .content("\"q\""))), .body())
        #expect(page.render() == "<!DOCTYPE html><html><head><title>&lt;b&gt;&amp;</title>"
                + "<meta name=\"description\" content=\"&quot;q&quot;\"></head><body></body></html>")
    }
}
