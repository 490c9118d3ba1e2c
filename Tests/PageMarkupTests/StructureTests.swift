import PageMarkup
import Testing

@Suite("Structure: boolean and void elements, nesting, control flow")
struct StructureTests {
    @Test("boolean attributes are a bare name when on and absent when off", arguments: [
        (Node<HTML.FormContext>.input(.required(true), .readonly(false)), "<input required>"),
        (.input(.checked(true), .disabled(true)), "<input checked disabled>"),
        (.input(.autocomplete(false)), "<input autocomplete=\"off\">"),
        (.textarea(.required(false), .readonly(true)), "<textarea readonly></textarea>"),
        (.button(.type(.submit), .disabled(true), .text("Go")), "<button type=\"submit\" disabled>Go</button>"),
        (.select(.required(true), .option(.value("a"), .isSelected(true), .text("A"))),
         "<select required><option value=\"a\" selected>A</option></select>"),
        (.element(named: "details", nodes: [.attribute(named: "open")]), "<details open></details>"),
    ])
    func booleans(_ node: Node<HTML.FormContext>, _ rendered: String) {
        #expect(node.render() == rendered)
    }

    @Test("nil and empty values leave the attribute out unless asked to keep it", arguments: [
        (Node<HTML.BodyContext>.div(.attribute(named: "id", value: nil)), "<div></div>"),
        (.div(.attribute(named: "id", value: "")), "<div></div>"),
        (.div(.attribute(named: "id", value: "", ignoreIfValueIsEmpty: false)), "<div id></div>"),
        (.div(.class("a"), .class("b")), "<div class=\"b\"></div>"),
        (.div(.class("a"), .attribute(named: "class", value: nil)), "<div></div>"),
    ])
    func emptyValues(_ node: Node<HTML.BodyContext>, _ rendered: String) {
        #expect(node.render() == rendered)
    }

    @Test("void elements have no closing tag and drop content", arguments: [
        (Node<HTML.BodyContext>.br(), "<br>"),
        (.hr(), "<hr>"),
        (.input(.type(.hidden), .name("v"), .value("3")), "<input type=\"hidden\" name=\"v\" value=\"3\">"),
        (.element(named: "input", nodes: [.text("lost")]), "<input>"),
        (.element(named: "img", nodes: [Node<HTML.BodyContext>]()), "<img>"),
    ])
    func voids(_ node: Node<HTML.BodyContext>, _ rendered: String) {
        #expect(node.render() == rendered)
    }

    @Test("nesting, and attributes found through groups, if, unwrap and forEach")
    func nesting() {
        let rows = [("a", true), ("b", false)]
        let table: Node<HTML.BodyContext> = .table(.class("data"),
            .thead(.tr(.th(.text("Name")))),
            .tbody(.forEach(rows) { name, numeric in
                .tr(.td(.if(numeric, .class("number")), .unwrap(numeric ? nil : "x") { .attribute(named: "data-label", value: $0) },
                        .text(name)))
            }))
        #expect(table.render() == "<table class=\"data\"><thead><tr><th>Name</th></tr></thead><tbody>"
                + "<tr><td class=\"number\">a</td></tr><tr><td data-label=\"x\">b</td></tr></tbody></table>")
    }

    @Test("if with else, unwrap with else, group and empty")
    func controlFlow() {
        let missing: String? = nil
        let node: Node<HTML.BodyContext> = .div(
            .if(false, .text("yes"), else: .text("no")),
            .unwrap(missing, { .span(.text($0)) }, else: .text("none")),
            .group(.strong("s"), .empty, .small(.text("m"))),
            .group([.code("c"), .pre("p")]))
        #expect(node.render() == "<div>nonone<strong>s</strong><small>m</small><code>c</code><pre>p</pre></div>")
    }

    @Test("forms, labels, lists, sections and links in their contexts")
    func forms() {
        let fields: [Node<HTML.FormContext>] = [.attribute(named: "class", value: "f"), .div(.label(.for("t"), "Topic"), .input(.id("t")))]
        let node: Node<HTML.BodyContext> = .section(.nav(.ul(.li(.a(.href("/"), "Home")))),
            .form(.action("/x"), .method(.post), .fieldset(.legend("L"), .input(.type(.date), .name("d")))),
            .element(named: "form", nodes: fields),
            .aside(.header(.h2("H"), .h3("h")), .main(.span("m"))))
        #expect(node.render() == "<section><nav><ul><li><a href=\"/\">Home</a></li></ul></nav>"
                + "<form action=\"/x\" method=\"post\"><fieldset><legend>L</legend><input type=\"date\" name=\"d\"></fieldset></form>"
                + "<form class=\"f\"><div><label for=\"t\">Topic</label><input id=\"t\"></div></form>"
                + "<aside><header><h2>H</h2><h3>h</h3></header><main><span>m</span></main></aside></section>")
    }

    @Test("a whole document: doctype, lang, charset, stylesheet, deferred script")
    func document() {
        let page = HTML(.lang(.english),
                        .head(.encoding(.utf8), .title("T"), .stylesheet("/assets/app.css"),
                              .script(.src("/assets/app.js"), .attribute(named: "defer", value: "defer"))),
                        .body(.main(.p("x"))))
        #expect(page.render() == "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>T</title>"
                + "<link rel=\"stylesheet\" href=\"/assets/app.css\" type=\"text/css\">"
                + "<script src=\"/assets/app.js\" defer=\"defer\"></script></head><body><main><p>x</p></main></body></html>")
    }
}
