/// The one place markup is written. Every text and every attribute value passes through
/// ``MarkupEscaping/escape(_:)``; element and attribute names the page code did not spell as
/// plain names are refused (see ``MarkupNames``), and a URL attribute cannot carry a script.
enum MarkupRenderer {
    /// Elements that have no content and no closing tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    static func render(_ content: MarkupContent) -> String {
        var output = ""
        write(content, into: &output)
        return output
    }

    private static func write(_ content: MarkupContent, into output: inout String) {
        switch content {
        case .text(let text):
            output += MarkupEscaping.escape(text)
        case .group(let members):
            // Attributes outside any element (a group rendered on its own) belong to nothing.
            for member in members { write(member, into: &output) }
        case .attribute:
            break
        case .element(let name, let children):
            writeElement(named: name, children: children, into: &output)
        }
    }

    private static func writeElement(named name: String, children: [MarkupContent], into output: inout String) {
        var attributes: [MarkupAttribute] = []
        var body: [MarkupContent] = []
        collect(children, attributes: &attributes, body: &body)
        guard MarkupNames.isElementName(name) else {
            for member in body { write(member, into: &output) }
            return
        }
        let tag = name.lowercased()
        output += "<" + tag
        for attribute in merged(attributes) {
            write(attribute, into: &output)
        }
        output += ">"
        if voidElements.contains(tag) { return }
        for member in body { write(member, into: &output) }
        output += "</" + tag + ">"
    }

    /// Splits an element's children into its own attributes (found through groups, `.if`,
    /// `.unwrap` and `.forEach`) and its content, in order.
    private static func collect(_ children: [MarkupContent], attributes: inout [MarkupAttribute], body: inout [MarkupContent]) {
        for child in children {
            switch child {
            case .attribute(let attribute): attributes.append(attribute)
            case .group(let members): collect(members, attributes: &attributes, body: &body)
            case .element, .text: body.append(child)
            }
        }
    }

    /// A later attribute of the same name replaces the earlier one's value, in the earlier place.
    private static func merged(_ attributes: [MarkupAttribute]) -> [MarkupAttribute] {
        var result: [MarkupAttribute] = []
        var positions: [String: Int] = [:]
        for attribute in attributes {
            let key = attribute.name.lowercased()
            if let index = positions[key] {
                result[index] = attribute
            } else {
                positions[key] = result.count
                result.append(attribute)
            }
        }
        return result
    }

    private static func write(_ attribute: MarkupAttribute, into output: inout String) {
        guard MarkupNames.isAttributeName(attribute.name) else { return }
        let name = attribute.name.lowercased()
        guard let value = attribute.value, !value.isEmpty else {
            if attribute.keepsEmptyValue { output += " " + name }
            return
        }
        let safeValue = MarkupURLs.isURLAttribute(name) ? MarkupURLs.safe(value) : value
        output += " " + name + "=\"" + MarkupEscaping.escape(safeValue) + "\""
    }
}
