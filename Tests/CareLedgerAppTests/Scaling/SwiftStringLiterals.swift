/// The string literals of a Swift source file, each with its line, interpolations replaced by a bind
/// parameter (`$0`), as the SQL the query would send reads. Handles `"…"`, `"""…"""` and raw `#"…"#`
/// literals and skips comments; a query built by concatenating several literals is seen in pieces.
enum SwiftStringLiterals {
    struct Literal {
        var line: Int
        var text: String
    }

    static func literals(in source: String) -> [Literal] {
        let characters = Array(source)
        var literals: [Literal] = []
        var index = 0
        var line = 1
        func at(_ position: Int) -> Character? { position < characters.count ? characters[position] : nil }
        func starts(_ text: String, _ position: Int) -> Bool {
            let expected = Array(text)
            return position + expected.count <= characters.count && Array(characters[position..<position + expected.count]) == expected
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { line += 1; index += 1; continue }
            if starts("//", index) {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if starts("/*", index) {
                while index < characters.count && !starts("*/", index) { if characters[index] == "\n" { line += 1 }; index += 1 }
                index += 2
                continue
            }
            var hashes = 0
            while at(index + hashes) == "#" { hashes += 1 }
            guard at(index + hashes) == "\"" else { index += max(hashes, 1); continue }
            let startLine = line
            let pounds = String(repeating: "#", count: hashes)
            let multiline = starts("\"\"\"", index + hashes)
            let closing = (multiline ? "\"\"\"" : "\"") + pounds
            let interpolation = "\\" + pounds + "("
            let escape = "\\" + pounds
            index += hashes + (multiline ? 3 : 1)
            var text = ""
            while index < characters.count && !starts(closing, index) {
                if starts(interpolation, index) {
                    index += interpolation.count
                    var depth = 1
                    while index < characters.count && depth > 0 {
                        switch characters[index] {
                        case "(": depth += 1
                        case ")": depth -= 1
                        case "\"":
                            // A nested simple literal inside the interpolation.
                            index += 1
                            while index < characters.count && characters[index] != "\"" { index += characters[index] == "\\" ? 2 : 1 }
                        case "\n": line += 1
                        default: break
                        }
                        index += 1
                    }
                    text += " $0 "
                } else if starts(escape, index) {
                    text.append(at(index + escape.count) ?? " ")
                    index += escape.count + 1
                } else {
                    if characters[index] == "\n" { line += 1 }
                    text.append(characters[index])
                    index += 1
                }
            }
            index += closing.count
            literals.append(Literal(line: startLine, text: text))
        }
        return literals
    }
}
