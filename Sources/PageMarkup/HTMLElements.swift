// The elements the pages write, each allowed where HTML allows it. An element the builder has
// no function for is written with `.element(named:nodes:)`.

public extension Node where Context == HTML.DocumentContext {
    /// `<head>`.
    static func head(_ nodes: Node<HTML.HeadContext>...) -> Node { .tag("head", nodes) }
    /// `<body>`.
    static func body(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("body", nodes) }
}

public extension Node where Context == HTML.HeadContext {
    /// `<title>`.
    static func title(_ title: String) -> Node { Node(.element(name: "title", children: [.text(title)])) }
    /// `<meta>`.
    static func meta(_ nodes: Node<HTML.MetaContext>...) -> Node { .tag("meta", nodes) }
    /// `<link>`.
    static func link(_ nodes: Node<HTML.LinkContext>...) -> Node { .tag("link", nodes) }
    /// `<meta charset>`.
    static func encoding(_ encoding: DocumentEncoding) -> Node { .meta(.charset(encoding)) }
    /// A stylesheet `<link>`.
    static func stylesheet(_ url: String) -> Node { .link(.rel("stylesheet"), .href(url), .attribute(named: "type", value: "text/css")) }
}

public extension Node where Context: HTMLScriptableContext {
    /// `<script>`: a file only (`.src`); the pages carry no inline script.
    static func script(_ nodes: Node<HTML.ScriptContext>...) -> Node { .tag("script", nodes) }
}

public extension Node where Context: HTMLDividableContext {
    /// `<div>`, holding what its container may hold.
    static func div(_ nodes: Node<Context>...) -> Node { .tag("div", nodes) }
}

public extension Node where Context: HTML.BodyContext {
    /// `<a>`.
    static func a(_ nodes: Node<HTML.AnchorContext>...) -> Node { .tag("a", nodes) }
    /// `<article>`.
    static func article(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("article", nodes) }
    /// `<aside>`.
    static func aside(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("aside", nodes) }
    /// `<b>`.
    static func b(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("b", nodes) }
    /// `<blockquote>`.
    static func blockquote(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("blockquote", nodes) }
    /// `<br>`.
    static func br() -> Node { .tag("br", [Node<HTML.BodyContext>]()) }
    /// `<button>`.
    static func button(_ nodes: Node<HTML.ButtonContext>...) -> Node { .tag("button", nodes) }
    /// `<code>`.
    static func code(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("code", nodes) }
    /// `<details>`.
    static func details(_ nodes: Node<HTML.DetailsContext>...) -> Node { .tag("details", nodes) }
    /// `<em>`.
    static func em(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("em", nodes) }
    /// `<fieldset>`.
    static func fieldset(_ nodes: Node<HTML.FormContext>...) -> Node { .tag("fieldset", nodes) }
    /// `<footer>`.
    static func footer(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("footer", nodes) }
    /// `<form>`.
    static func form(_ nodes: Node<HTML.FormContext>...) -> Node { .tag("form", nodes) }
    /// `<h1>`.
    static func h1(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("h1", nodes) }
    /// `<h2>`.
    static func h2(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("h2", nodes) }
    /// `<h3>`.
    static func h3(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("h3", nodes) }
    /// `<h4>`.
    static func h4(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("h4", nodes) }
    /// `<header>`.
    static func header(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("header", nodes) }
    /// `<hr>`.
    static func hr(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("hr", nodes) }
    /// `<i>`.
    static func i(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("i", nodes) }
    /// `<img>`.
    static func img(_ nodes: Node<HTML.ImageContext>...) -> Node { .tag("img", nodes) }
    /// `<input>`.
    static func input(_ nodes: Node<HTML.InputContext>...) -> Node { .tag("input", nodes) }
    /// `<label>`.
    static func label(_ nodes: Node<HTML.LabelContext>...) -> Node { .tag("label", nodes) }
    /// `<legend>`, the caption of a fieldset.
    static func legend(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("legend", nodes) }
    /// `<main>`.
    static func main(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("main", nodes) }
    /// `<nav>`.
    static func nav(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("nav", nodes) }
    /// `<ol>`.
    static func ol(_ nodes: Node<HTML.ListContext>...) -> Node { .tag("ol", nodes) }
    /// `<p>`.
    static func p(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("p", nodes) }
    /// `<pre>`.
    static func pre(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("pre", nodes) }
    /// `<section>`.
    static func section(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("section", nodes) }
    /// `<select>`.
    static func select(_ nodes: Node<HTML.SelectContext>...) -> Node { .tag("select", nodes) }
    /// `<small>`.
    static func small(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("small", nodes) }
    /// `<span>`.
    static func span(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("span", nodes) }
    /// `<strong>`.
    static func strong(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("strong", nodes) }
    /// `<table>`.
    static func table(_ nodes: Node<HTML.TableContext>...) -> Node { .tag("table", nodes) }
    /// `<textarea>`; its text is the initial value.
    static func textarea(_ nodes: Node<HTML.TextAreaContext>...) -> Node { .tag("textarea", nodes) }
    /// `<ul>`.
    static func ul(_ nodes: Node<HTML.ListContext>...) -> Node { .tag("ul", nodes) }
}

public extension Node where Context == HTML.DetailsContext {
    /// `<summary>`, the always-visible line of a `<details>`.
    static func summary(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("summary", nodes) }
}

public extension Node where Context == HTML.ListContext {
    /// `<li>`.
    static func li(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("li", nodes) }
}

public extension Node where Context: HTMLOptionListContext {
    /// `<option>`.
    static func option(_ nodes: Node<HTML.OptionContext>...) -> Node { .tag("option", nodes) }
}

public extension Node where Context == HTML.TableContext {
    /// `<caption>`.
    static func caption(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("caption", nodes) }
    /// `<thead>`.
    static func thead(_ nodes: Node<HTML.TableContext>...) -> Node { .tag("thead", nodes) }
    /// `<tbody>`.
    static func tbody(_ nodes: Node<HTML.TableContext>...) -> Node { .tag("tbody", nodes) }
    /// `<tfoot>`.
    static func tfoot(_ nodes: Node<HTML.TableContext>...) -> Node { .tag("tfoot", nodes) }
    /// `<tr>`.
    static func tr(_ nodes: Node<HTML.TableRowContext>...) -> Node { .tag("tr", nodes) }
}

public extension Node where Context == HTML.TableRowContext {
    /// `<th>`.
    static func th(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("th", nodes) }
    /// `<td>`.
    static func td(_ nodes: Node<HTML.BodyContext>...) -> Node { .tag("td", nodes) }
}

extension Node {
    static func tag<C>(_ name: String, _ nodes: [Node<C>]) -> Node {
        Node(.element(name: name, children: nodes.map(\.content)))
    }
}
