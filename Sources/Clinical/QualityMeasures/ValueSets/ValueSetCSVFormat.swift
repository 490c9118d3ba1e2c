import Foundation

/// The value-set CSV as one regular expression: the OpenAPI document states it as the `csv`
/// property's pattern and `ValueSetStore.parse` refuses a file outside it, so a file the document
/// calls valid is one the server loads. The parser names the line of the usual mistakes first.
///
/// The header `value_set,code_system,code`, then rows `value set,code system,code` without blank
/// lines between them, each field optionally in double quotes, with at least one ICD-10-CM row.
/// A value set is the product's key or HEDIS's name (any letter case); a row of another code
/// system names one of `otherCodeSystems` and is skipped.
public enum ValueSetCSVFormat {
    /// Code systems whose rows a licensed file may hold and the load skips.
    public static let otherCodeSystems = ["CPT", "CPT-CAT-II", "HCPCS", "UBREV", "UBTOB", "POS", "SNOMEDCT", "LOINC", "ICD10PCS",
                                          "ICD9CM", "ICD9PCS", "RXNORM", "NDC", "CVX", "CDT"]

    /// The pattern, in the syntax JSON Schema (ECMA-262) and `NSRegularExpression` (ICU) share.
    public static let pattern: String = {
        let names = ValueSetName.allCases.map { escaped($0.rawValue) } + ValueSetStore.hedisNames.keys.sorted().map(anyCase)
        let name = quoted("(" + names.joined(separator: "|") + ")")
        let icdSystem = quoted("(" + ([anyCase(QualityValueSet.icd10CM)] + EncounterBundleReader.icd10CMSystems.sorted().map(escaped)).joined(separator: "|") + ")")
        // What `QualityValueSet.normalize` makes a 3-7 character code of: a letter, then letters and digits, one dot allowed.
        let icdCode = quoted("[A-Za-z][A-Za-z0-9]{2}([.]?[A-Za-z0-9]{1,4})?")
        let otherSystem = quoted("(" + otherCodeSystems.map(escaped).joined(separator: "|") + ")")
        let otherCode = quoted("[A-Za-z0-9][A-Za-z0-9.-]{0,19}")
        let icdRow = "\(name),\(icdSystem),\(icdCode)"
        let row = "(\(icdRow)|\(name),\(otherSystem),\(otherCode))"
        let newline = "\\r?\\n"
        return "^value_set,code_system,code(\(newline)\(row))*\(newline)\(icdRow)(\(newline)\(row))*(\(newline))*$"
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
