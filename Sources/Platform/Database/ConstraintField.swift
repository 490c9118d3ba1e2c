/// The API field a refused database constraint guards, so a refusal names the field instead of
/// the constraint (`pm_patients_given_name_check` → `given_name`).
enum ConstraintField {
    /// PostgreSQL names a column's constraint `<table>_<column>_<kind>`; a not-null violation
    /// names its column. A constraint named otherwise yields its name without the table and kind.
    static func name(constraint: String?, table: String?, column: String?) -> String? {
        if let column, !column.isEmpty { return column }
        guard var name = constraint, !name.isEmpty else { return nil }
        if let table, name.hasPrefix(table + "_") { name.removeFirst(table.count + 1) }
        for suffix in ["_check", "_fkey", "_key", "_pkey", "_excl"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        // Tenant foreign keys lead with organization_id; the field is what follows it.
        if name.hasPrefix("organization_id_") { name.removeFirst("organization_id_".count) }
        if name == "pkey" || name.isEmpty { return nil }
        return name
    }
}
