import PostgresNIO
/// Splits a SQL script into statements, honouring quotes, comments and `$tag$` bodies.
enum SQLStatementSplitter {
    static func split(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let chars = Array(script)
        var i = 0
        var dollarTag: String?
        var inSingleQuote = false
        var inLineComment = false
        var blockCommentDepth = 0

        func peek(_ offset: Int) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }

        while i < chars.count {
            let c = chars[i]
            if inLineComment {
                if c == "\n" { inLineComment = false; current.append(c) }
                i += 1; continue
            }
            if blockCommentDepth > 0 {
                if c == "*", peek(1) == "/" { blockCommentDepth -= 1; i += 2; continue }
                if c == "/", peek(1) == "*" { blockCommentDepth += 1; i += 2; continue }
                i += 1; continue
            }
            if let tag = dollarTag {
                if c == "$", String(chars[i..<min(chars.count, i + tag.count)]) == tag {
                    current += tag; i += tag.count; dollarTag = nil; continue
                }
                current.append(c); i += 1; continue
            }
            if inSingleQuote {
                current.append(c)
                if c == "'" { inSingleQuote = false }
                i += 1; continue
            }
            switch c {
            case "-" where peek(1) == "-":
                inLineComment = true; i += 2
            case "/" where peek(1) == "*":
                blockCommentDepth = 1; i += 2
            case "'":
                inSingleQuote = true; current.append(c); i += 1
            case "$":
                // $tag$ where tag is empty or an identifier
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                if j < chars.count, chars[j] == "$" {
                    let tag = String(chars[i...j])
                    dollarTag = tag; current += tag; i = j + 1
                } else {
                    current.append(c); i += 1
                }
            case ";":
                let trimmed = current.trimmingWhitespace()
                if !trimmed.isEmpty { statements.append(trimmed) }
                current = ""; i += 1
            default:
                current.append(c); i += 1
            }
        }
        let trimmed = current.trimmingWhitespace()
        if !trimmed.isEmpty { statements.append(trimmed) }
        return statements
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
