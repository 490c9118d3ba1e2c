/// A piece of a page in the context `Context` (a phantom type that says where it may stand):
/// an element, an attribute of the element it sits in, text, or a group of those.
///
/// Nodes hold strings only and are rendered by ``MarkupRenderer``, which escapes every text and
/// attribute value it writes; there is no way to put raw markup into a node.
public struct Node<Context>: Sendable {
    let content: MarkupContent

    init(_ content: MarkupContent) {
        self.content = content
    }
}

/// What a node holds, free of its context, as the renderer reads it.
enum MarkupContent: Sendable, Equatable {
    case element(name: String, children: [MarkupContent])
    case attribute(MarkupAttribute)
    case text(String)
    case group([MarkupContent])
}

/// An attribute as written in the page code. A nil or empty value leaves the attribute out,
/// unless `keepsEmptyValue`, when it is written as a bare name (a boolean attribute).
struct MarkupAttribute: Sendable, Equatable {
    let name: String
    let value: String?
    let keepsEmptyValue: Bool
}

public extension Node {
    /// Text, escaped when rendered.
    static func text(_ text: String) -> Node {
        Node(.text(text))
    }

    /// Nothing: renders no markup.
    static var empty: Node {
        Node(.group([]))
    }

    /// An attribute on the enclosing element; a nil or empty value leaves it out unless
    /// `ignoreIfValueIsEmpty` is false, when the name is written alone.
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        Node(.attribute(MarkupAttribute(name: name, value: value, keepsEmptyValue: !ignoreIfValueIsEmpty)))
    }

    /// An attribute written as its name alone (a boolean attribute such as `open`).
    static func attribute(named name: String) -> Node {
        Node(.attribute(MarkupAttribute(name: name, value: nil, keepsEmptyValue: true)))
    }

    /// An element the builder has no function for, holding nodes of the same context.
    static func element(named name: String, nodes: [Node]) -> Node {
        Node(.element(name: name, children: nodes.map(\.content)))
    }

    /// An element the builder has no function for, holding nodes of another context.
    static func element<C>(named name: String, nodes: [Node<C>]) -> Node {
        Node(.element(name: name, children: nodes.map(\.content)))
    }

    /// An element the builder has no function for, holding only text.
    static func element(named name: String, text: String) -> Node {
        Node(.element(name: name, children: [.text(text)]))
    }

    /// An empty element the builder has no function for.
    static func element(named name: String) -> Node {
        Node(.element(name: name, children: []))
    }

    /// Several nodes standing together, as if written one after another.
    static func group(_ members: [Node]) -> Node {
        Node(.group(members.map(\.content)))
    }

    /// Several nodes standing together, as if written one after another.
    static func group(_ members: Node...) -> Node {
        group(members)
    }

    /// `node` when `condition` holds, otherwise `elseNode` (nothing by default).
    static func `if`(_ condition: Bool, _ node: Node, else elseNode: Node? = nil) -> Node {
        condition ? node : (elseNode ?? .empty)
    }

    /// The node made from the optional's value when there is one, otherwise `elseNode`.
    static func unwrap<T>(_ optional: T?, _ transform: (T) throws -> Node, else elseNode: Node = .empty) rethrows -> Node {
        guard let value = optional else { return elseNode }
        return try transform(value)
    }

    /// One node per element of the sequence, in order.
    static func forEach<S: Sequence>(_ sequence: S, _ transform: (S.Element) throws -> Node) rethrows -> Node {
        try group(sequence.map(transform))
    }
}

/// A string literal where a node is expected is text (`.h1("Sign in")`).
extension Node: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self.init(.text(value))
    }
}

public extension Node {
    /// This node's markup, every text and attribute value escaped.
    func render() -> String {
        MarkupRenderer.render(content)
    }
}
