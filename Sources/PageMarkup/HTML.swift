/// An HTML document: `<!DOCTYPE html>` and an `<html>` element holding the head and the body.
public struct HTML: Sendable {
    let nodes: [Node<DocumentContext>]

    /// A document made of `html`'s attributes (`.lang`) and its `.head` and `.body`.
    public init(_ nodes: Node<DocumentContext>...) {
        self.nodes = nodes
    }

    /// The document's markup, every text and attribute value escaped.
    public func render() -> String {
        "<!DOCTYPE html>" + MarkupRenderer.render(.element(name: "html", children: nodes.map(\.content)))
    }
}

// Where a node may stand. The contexts are phantom types, never instantiated: they let the
// compiler refuse, say, a `<td>` outside a row or an `action` outside a form. Body-like
// contexts are classes so that "anything allowed in a body" (`where Context: HTML.BodyContext`)
// holds inside a form, a label, a button or a link too.
public extension HTML {
    /// The `<html>` element's content: its attributes, the head and the body.
    enum DocumentContext: HTMLContext {}
    /// The `<head>` element's content.
    enum HeadContext: HTMLContext, HTMLScriptableContext {}
    /// Flow content: what a `<body>`, `<div>`, `<p>` or table cell holds.
    class BodyContext: HTMLDividableContext, HTMLScriptableContext {}
    /// A link's content and attributes.
    final class AnchorContext: BodyContext, HTMLLinkableContext {}
    /// A button's content and attributes.
    final class ButtonContext: BodyContext, HTMLNamableContext, HTMLValueContext {}
    /// A form's (or fieldset's) content and attributes.
    final class FormContext: BodyContext {}
    /// A label's content and attributes.
    final class LabelContext: BodyContext {}
    /// A `<details>` element's content.
    final class DetailsContext: BodyContext {}
    /// An `<input>`'s attributes.
    enum InputContext: HTMLNamableContext, HTMLValueContext {}
    /// A `<textarea>`'s attributes and text.
    enum TextAreaContext: HTMLNamableContext {}
    /// A `<select>`'s attributes and options.
    enum SelectContext: HTMLOptionListContext, HTMLNamableContext {}
    /// An `<option>`'s attributes and label.
    enum OptionContext: HTMLValueContext {}
    /// A `<ul>` or `<ol>`'s attributes and items.
    enum ListContext: HTMLContext {}
    /// A `<table>`'s (or its sections') attributes, rows and sections.
    enum TableContext: HTMLContext {}
    /// A `<tr>`'s attributes and cells.
    enum TableRowContext: HTMLContext {}
    /// A `<meta>`'s attributes.
    enum MetaContext: HTMLNamableContext {}
    /// A `<link>`'s attributes.
    enum LinkContext: HTMLLinkableContext {}
    /// A `<script>`'s attributes.
    enum ScriptContext: HTMLSourceContext {}
    /// An `<img>`'s attributes.
    enum ImageContext: HTMLSourceContext {}
}

/// Any HTML context: `id`, `class` and `data-` attributes stand anywhere.
public protocol HTMLContext {}
/// A context that may hold a `<div>` of its own kind.
public protocol HTMLDividableContext: HTMLContext {}
/// A context that may hold a `<script>`.
public protocol HTMLScriptableContext: HTMLContext {}
/// An element that takes a `name`.
public protocol HTMLNamableContext: HTMLContext {}
/// An element that takes a `value`.
public protocol HTMLValueContext: HTMLContext {}
/// An element that takes an `href`.
public protocol HTMLLinkableContext: HTMLContext {}
/// An element that takes a `src`.
public protocol HTMLSourceContext: HTMLContext {}
/// A context that may hold `<option>`s.
public protocol HTMLOptionListContext: HTMLContext {}
