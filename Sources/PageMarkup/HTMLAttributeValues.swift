/// The `type` of an `<input>`.
public enum HTMLInputType: String, Sendable, CaseIterable {
    case button, checkbox, color, date, email, file, hidden, month, number, password, radio, range, reset, search,
         submit, tel, text, time, url, week
    case datetimeLocal = "datetime-local"
}

/// The `type` of a `<button>`.
public enum HTMLButtonType: String, Sendable, CaseIterable {
    case button, reset, submit
}

/// The `method` of a `<form>`.
public enum HTMLFormMethod: String, Sendable, CaseIterable {
    case get, post
}

/// A document's language, written as its `lang` code.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case spanish = "es"
}

/// A document's character encoding, written in `<meta charset>`.
public enum DocumentEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
}
