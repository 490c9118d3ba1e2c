// The attributes the pages write, each allowed on the elements that take it. Any other is
// written with `.attribute(named:value:)`; every value is escaped by the renderer.

public extension Node where Context: HTMLContext {
    /// `id`.
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    /// `class`: one class name or several separated by spaces.
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    /// `data-name`.
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-\(name)", value: value) }
}

public extension Node where Context: HTML.BodyContext {
    /// `aria-label`.
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
}

public extension Node where Context == HTML.DocumentContext {
    /// `lang` on `<html>`.
    static func lang(_ language: Language) -> Node { .attribute(named: "lang", value: language.rawValue) }
}

public extension Node where Context: HTMLNamableContext {
    /// `name`.
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

public extension Node where Context: HTMLValueContext {
    /// `value`.
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

public extension Node where Context: HTMLLinkableContext {
    /// `href`.
    static func href(_ url: String) -> Node { .attribute(named: "href", value: url) }
}

public extension Node where Context: HTMLSourceContext {
    /// `src`.
    static func src(_ url: String) -> Node { .attribute(named: "src", value: url) }
}

public extension Node where Context == HTML.LinkContext {
    /// `rel`.
    static func rel(_ relationship: String) -> Node { .attribute(named: "rel", value: relationship) }
}

public extension Node where Context == HTML.MetaContext {
    /// `content`.
    static func content(_ content: String) -> Node { .attribute(named: "content", value: content) }
    /// `charset`.
    static func charset(_ encoding: DocumentEncoding) -> Node { .attribute(named: "charset", value: encoding.rawValue) }
}

public extension Node where Context == HTML.ScriptContext {
    /// `defer`.
    static func `defer`() -> Node { .attribute(named: "defer") }
}

public extension Node where Context == HTML.FormContext {
    /// `action`.
    static func action(_ url: String) -> Node { .attribute(named: "action", value: url) }
    /// `method`.
    static func method(_ method: HTMLFormMethod) -> Node { .attribute(named: "method", value: method.rawValue) }
    /// `novalidate`.
    static func novalidate(_ isOn: Bool = true) -> Node { .flag("novalidate", isOn) }
}

public extension Node where Context == HTML.LabelContext {
    /// `for`: the id of the control the label names.
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

public extension Node where Context == HTML.ButtonContext {
    /// `type`.
    static func type(_ type: HTMLButtonType) -> Node { .attribute(named: "type", value: type.rawValue) }
    /// `disabled`.
    static func disabled(_ isDisabled: Bool) -> Node { .flag("disabled", isDisabled) }
}

public extension Node where Context == HTML.InputContext {
    /// `type`.
    static func type(_ type: HTMLInputType) -> Node { .attribute(named: "type", value: type.rawValue) }
    /// `placeholder`.
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
    /// `autocomplete`: on or off.
    static func autocomplete(_ isOn: Bool) -> Node { .attribute(named: "autocomplete", value: isOn ? "on" : "off") }
    /// `required`.
    static func required(_ isRequired: Bool) -> Node { .flag("required", isRequired) }
    /// `autofocus`.
    static func autofocus(_ isOn: Bool) -> Node { .flag("autofocus", isOn) }
    /// `readonly`.
    static func readonly(_ isReadonly: Bool) -> Node { .flag("readonly", isReadonly) }
    /// `disabled`.
    static func disabled(_ isDisabled: Bool) -> Node { .flag("disabled", isDisabled) }
    /// `multiple`.
    static func multiple(_ isEnabled: Bool) -> Node { .flag("multiple", isEnabled) }
    /// `checked`.
    static func checked(_ isChecked: Bool) -> Node { .flag("checked", isChecked) }
}

public extension Node where Context == HTML.TextAreaContext {
    /// `cols`.
    static func cols(_ columns: Int) -> Node { .attribute(named: "cols", value: String(columns)) }
    /// `rows`.
    static func rows(_ rows: Int) -> Node { .attribute(named: "rows", value: String(rows)) }
    /// `placeholder`.
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
    /// `required`.
    static func required(_ isRequired: Bool) -> Node { .flag("required", isRequired) }
    /// `autofocus`.
    static func autofocus(_ isOn: Bool) -> Node { .flag("autofocus", isOn) }
    /// `readonly`.
    static func readonly(_ isReadonly: Bool) -> Node { .flag("readonly", isReadonly) }
    /// `disabled`.
    static func disabled(_ isDisabled: Bool) -> Node { .flag("disabled", isDisabled) }
}

public extension Node where Context == HTML.SelectContext {
    /// `required`.
    static func required(_ isRequired: Bool) -> Node { .flag("required", isRequired) }
    /// `disabled`.
    static func disabled(_ isDisabled: Bool) -> Node { .flag("disabled", isDisabled) }
}

public extension Node where Context == HTML.OptionContext {
    /// `selected`.
    static func isSelected(_ isSelected: Bool) -> Node { .flag("selected", isSelected) }
}

extension Node {
    /// A boolean attribute: its name alone when on, nothing when off.
    static func flag(_ name: String, _ isOn: Bool) -> Node {
        isOn ? .attribute(named: name) : .empty
    }
}
