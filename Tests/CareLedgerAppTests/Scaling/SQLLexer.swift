/// Splits SQL text into words (lowercased identifiers and keywords), one-character symbols and opaque
/// literals, skipping comments; enough for ``TenantJoinScanner`` to see aliases and equalities.
enum SQLLexer {
    enum Token: Equatable {
        case word(String)
        case symbol(Character)
        /// A string, number, dollar-quoted body or bind parameter: never an alias or a column.
        case literal
    }

    static func tokens(_ sql: String) -> [Token] {
        let characters = Array(sql)
        var tokens: [Token] = []
        var index = 0
        func peek(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "-" && peek(1) == "-" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
            } else if character == "/" && peek(1) == "*" {
                index += 2
                while index < characters.count && !(characters[index] == "*" && peek(1) == "/") { index += 1 }
                index += 2
            } else if character == "'" {
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if peek(1) == "'" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
                tokens.append(.literal)
            } else if character == "\"" {
                var name = ""
                index += 1
                while index < characters.count && characters[index] != "\"" { name.append(characters[index]); index += 1 }
                index += 1
                tokens.append(.word(name))
            } else if character == "$" {
                // $1 is a parameter; $tag$ … $tag$ (or $$ … $$) a quoted body.
                var end = index + 1
                while end < characters.count && (characters[end].isLetter || characters[end].isNumber || characters[end] == "_") { end += 1 }
                if end < characters.count && characters[end] == "$" && !(peek(1)?.isNumber ?? false) {
                    let tag = String(characters[index...end])
                    index = end + 1
                    let tagCharacters = Array(tag)
                    while index < characters.count && Array(characters[index..<min(index + tagCharacters.count, characters.count)]) != tagCharacters { index += 1 }
                    index += tagCharacters.count
                } else {
                    index = end
                }
                tokens.append(.literal)
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "$") {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word.lowercased()))
            } else if character.isNumber {
                while index < characters.count && (characters[index].isNumber || characters[index] == ".") { index += 1 }
                tokens.append(.literal)
            } else {
                tokens.append(.symbol(character))
                index += 1
            }
        }
        return tokens
    }
}
