/// Finds joins between tenant tables that are not matched on `organization_id`, by reading SQL text.
///
/// A distributed PostgreSQL (Citus) runs a join of two tables distributed by `organization_id` on one
/// node only when the join equates their `organization_id`s; otherwise it must move rows between
/// nodes or refuses. Row-level security hides the problem on one node (every table is filtered to the
/// tenant anyway), so nothing else would notice a missing match.
///
/// The rule: wherever a statement equates a column of one tenant-table alias with a column of another
/// (`a.session_id = s.id`, in an `ON`, a `WHERE`, a correlated subquery or an `UPDATE … FROM`), the two
/// aliases must also be tied by `organization_id` equalities in that statement, directly
/// (`a.organization_id = s.organization_id`) or through other aliases (equalities are transitive, as
/// the planner's equivalence classes are). A `JOIN t USING (…)` of a tenant table must list
/// `organization_id` when the statement names another tenant table.
///
/// Aliases are scoped by subquery, so a subquery's `a` is not the outer query's `a`. Limits, which
/// the tests and docs/SCALING.md state: it reads text, not a parse tree, so it sees only qualified
/// columns (`alias.column`); unqualified correlations, `IN (SELECT …)` semi-joins, joins through a
/// CTE or a set-returning function, SQL assembled from several Swift literals or run with `EXECUTE`
/// are not judged.
struct TenantJoinScanner {
    /// A join between two tenant-table aliases with no `organization_id` tie.
    struct Finding: Equatable, CustomStringConvertible {
        var tables: [String]
        var predicate: String
        var description: String { "\(tables.joined(separator: " ⋈ ")) on \(predicate) without organization_id" }
    }

    let tenantTables: Set<String>

    func findings(in sql: String) -> [Finding] {
        SQLLexer.tokens(sql).split(separator: .symbol(";")).flatMap { findings(inStatement: Array($0)) }
    }

    private func findings(inStatement tokens: [SQLLexer.Token]) -> [Finding] {
        let scopes = Scopes(tokens)
        // (scope, alias) → the tenant table it names.
        var relations: [Scopes.Relation: String] = [:]
        var tenantTableCount = 0
        for index in tokens.indices {
            guard case .word(let table) = tokens[index], tenantTables.contains(table),
                  tokens[safe: index - 1] != .symbol("."), tokens[safe: index + 1] != .symbol("."),
                  tokens[safe: index + 1] != .symbol("(") || tokens[safe: index - 1] == .word("into")
            else { continue }
            tenantTableCount += 1
            let scope = scopes.scope(at: index)
            relations[Scopes.Relation(scope: scope, alias: table)] = table
            if let alias = Self.alias(after: index, in: tokens) { relations[Scopes.Relation(scope: scope, alias: alias)] = table }
        }
        func resolve(_ alias: String, at index: Int) -> Scopes.Relation? {
            var scope: Int? = scopes.scope(at: index)
            while let current = scope {
                let relation = Scopes.Relation(scope: current, alias: alias)
                if relations[relation] != nil { return relation }
                scope = scopes.parent[current]
            }
            return nil
        }

        var tiedByOrganization = UnionFind<Scopes.Relation>()
        var joins: [(Scopes.Relation, Scopes.Relation, String)] = []
        var findings: [Finding] = []
        for index in tokens.indices {
            // alias . column = alias . column
            guard index + 6 < tokens.count, tokens[index + 1] == .symbol("."), tokens[index + 3] == .symbol("="),
                  tokens[index + 5] == .symbol("."),
                  case .word(let leftAlias) = tokens[index], case .word(let leftColumn) = tokens[index + 2],
                  case .word(let rightAlias) = tokens[index + 4], case .word(let rightColumn) = tokens[index + 6],
                  tokens[safe: index - 1] != .symbol("."),
                  let left = resolve(leftAlias, at: index), let right = resolve(rightAlias, at: index + 4), left != right
            else { continue }
            if leftColumn == "organization_id" && rightColumn == "organization_id" {
                tiedByOrganization.union(left, right)
            } else {
                joins.append((left, right, "\(leftAlias).\(leftColumn) = \(rightAlias).\(rightColumn)"))
            }
        }
        for (left, right, predicate) in joins where !tiedByOrganization.connected(left, right) {
            findings.append(Finding(tables: [relations[left]!, relations[right]!], predicate: predicate))
        }
        // JOIN [LATERAL] table [AS] [alias] USING (columns)
        for index in tokens.indices where tokens[index] == .word("join") && tenantTableCount > 1 {
            var cursor = index + 1
            if tokens[safe: cursor] == .word("lateral") { cursor += 1 }
            guard case .word(let table) = tokens[safe: cursor], tenantTables.contains(table) else { continue }
            cursor += 1
            if tokens[safe: cursor] == .word("as") { cursor += 1 }
            if case .word(let word) = tokens[safe: cursor], word != "using", !Self.clauseWords.contains(word) { cursor += 1 }
            guard tokens[safe: cursor] == .word("using"), tokens[safe: cursor + 1] == .symbol("(") else { continue }
            let listed = tokens[(cursor + 2)...].prefix { $0 != .symbol(")") }
            if !listed.contains(.word("organization_id")) {
                findings.append(Finding(tables: [table], predicate: "USING (…)"))
            }
        }
        return findings
    }

    /// Words that end a table reference instead of naming its alias.
    static let clauseWords: Set<String> = [
        "on", "where", "join", "left", "right", "inner", "full", "cross", "natural", "lateral", "set", "using", "group",
        "order", "limit", "offset", "for", "returning", "values", "select", "union", "intersect", "except", "and", "or",
        "having", "window", "default", "as", "into", "from", "with", "then", "else", "end", "loop", "when", "tablesample",
        "only", "is", "not", "in",
    ]

    private static func alias(after index: Int, in tokens: [SQLLexer.Token]) -> String? {
        var cursor = index + 1
        if tokens[safe: cursor] == .word("as") { cursor += 1 }
        guard case .word(let word) = tokens[safe: cursor], !clauseWords.contains(word) else { return nil }
        return word
    }
}

/// Which subquery each token belongs to: a `(` followed by SELECT or WITH opens a scope whose aliases
/// shadow the enclosing ones; UNION, INTERSECT and EXCEPT start a sibling scope.
private struct Scopes {
    struct Relation: Hashable {
        var scope: Int
        var alias: String
    }

    private(set) var parent: [Int: Int] = [:]
    private var scopeOfToken: [Int] = []

    init(_ tokens: [SQLLexer.Token]) {
        var stack: [(scope: Int, opened: Bool)] = [(0, true)]
        var next = 1
        for (index, token) in tokens.enumerated() {
            switch token {
            case .symbol("("):
                if tokens[safe: index + 1] == .word("select") || tokens[safe: index + 1] == .word("with") {
                    parent[next] = stack.last!.scope
                    stack.append((next, true))
                    next += 1
                } else {
                    stack.append((stack.last!.scope, false))
                }
                scopeOfToken.append(stack.last!.scope)
            case .symbol(")"):
                scopeOfToken.append(stack.last!.scope)
                if stack.count > 1 { stack.removeLast() }
            case .word("union"), .word("intersect"), .word("except"):
                let current = stack.removeLast()
                let sibling = next
                next += 1
                parent[sibling] = parent[current.scope]
                stack.append((sibling, current.opened))
                scopeOfToken.append(sibling)
            default:
                scopeOfToken.append(stack.last!.scope)
            }
        }
    }

    func scope(at index: Int) -> Int { scopeOfToken[index] }
}

/// Disjoint sets, for `organization_id` equalities that chain through several aliases.
private struct UnionFind<Element: Hashable> {
    private var parent: [Element: Element] = [:]

    mutating func union(_ a: Element, _ b: Element) {
        let rootA = root(a), rootB = root(b)
        if rootA != rootB { parent[rootA] = rootB }
    }

    func connected(_ a: Element, _ b: Element) -> Bool { root(a) == root(b) }

    private func root(_ element: Element) -> Element {
        var current = element
        while let next = parent[current], next != current { current = next }
        return current
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
