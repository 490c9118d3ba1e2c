import Foundation

/// The value-set CSV as one regular expression: the OpenAPI document states it as the `csv`
/// property's pattern and `ValueSetStore.parse` refuses a file outside it, so the document names
/// every shape the server loads. The parser names the line of the usual mistakes first, and also
/// refuses what a pattern cannot say: a row whose code system its value set does not select by is
/// skipped, the file must keep at least one row that is not, and each system's code format (an
/// NDC's digits, an ICD-10-CM category) is checked per row.
///
/// The header `value_set,code_system,code`, then at least one row `value set,code system,code`
/// without blank lines between them, each field optionally in double quotes. A value set is the
/// product's key or HEDIS's name (any letter case); a code system is a product key
/// (`ClinicalCodeSystem`), one of its addresses, or one of `otherCodeSystems`.
public enum ValueSetCSVFormat {
    /// Code systems a licensed file may hold that no product value set selects by: their rows are skipped.
    public static let otherCodeSystems = ["CPT-CAT-II", "UBREV", "UBTOB", "POS", "LOINC", "ICD9CM", "ICD9PCS", "CVX", "CDT"]

    /// Every code system name a row may give.
    public static var codeSystemNames: [String] { ClinicalCodeSystem.allCases.map(\.rawValue) + otherCodeSystems }

    /// The pattern, in the syntax JSON Schema (ECMA-262) and `NSRegularExpression` (ICU) share.
    public static let pattern: String = {
        let names = ValueSetName.allCases.map { escaped($0.rawValue) } + ValueSetStore.hedisNames.keys.sorted().map(anyCase)
        let name = quoted("(" + names.joined(separator: "|") + ")")
        let addresses = ClinicalCodeSystem.allCases.flatMap(\.addresses).map { anyCase($0) + "/?" }
        let system = quoted("(" + (codeSystemNames.map(anyCase) + addresses).joined(separator: "|") + ")")
        let code = quoted("[A-Za-z0-9][A-Za-z0-9.-]{0,19}")
        let row = "\(name),\(system),\(code)"
        let newline = "\\r?\\n"
        return "^value_set,code_system,code(\(newline)\(row))+(\(newline))*$"
    }()

    private static let expression: NSRegularExpression = {
        do { return try NSRegularExpression(pattern: pattern) } catch { preconditionFailure("the value-set CSV pattern does not compile: \(error)") }
    }()

    /// Whether the whole file follows the format (ICU's `$` also matches before a last lone `\r`, so the match must span it all).
    public static func matches(_ csv: String) -> Bool {
        let whole = NSRange(csv.startIndex..., in: csv)
        return expression.firstMatch(in: csv, range: whole)?.range == whole
    }

    private static func quoted(_ field: String) -> String { "\"?\(field)\"?" }

    private static func escaped(_ text: String) -> String {
        // Only the characters that are syntax in both dialects, so the pattern also compiles in ECMA-262's unicode mode.
        text.map { "^$\\.*+?()[]{}|".contains($0) ? "\\\($0)" : String($0) }.joined()
    }

    /// `text` matched in any letter case, as the parser compares names and `ICD10CM` (`[Mm][Ee]…`).
    private static func anyCase(_ text: String) -> String {
        text.map { $0.isLetter ? "[\($0.uppercased())\($0.lowercased())]" : escaped(String($0)) }.joined()
    }
}
