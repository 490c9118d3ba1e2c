import Testing

/// The join check must catch what it claims to catch, and pass what is tied by organization.
@Suite("Tenant join scanner")
struct TenantJoinScannerTests {
    let scanner = TenantJoinScanner(tenantTables: ["cl_group_sessions", "cl_group_attendance", "pm_coverages", "pf_memberships"])

    @Test("joins tied by organization_id pass", arguments: [
        "SELECT 1 FROM cl_group_sessions s JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id",
        "SELECT 1 FROM cl_group_sessions s, cl_group_attendance a WHERE s.organization_id = a.organization_id AND a.session_id = s.id",
        // Tied through a third alias: equalities are transitive.
        """
        SELECT 1 FROM cl_group_sessions s JOIN pf_memberships m ON m.organization_id = s.organization_id
        JOIN cl_group_attendance a ON a.organization_id = m.organization_id AND a.session_id = s.id
        """,
        "UPDATE cl_group_attendance a SET status = 'X' FROM cl_group_sessions s WHERE s.organization_id = a.organization_id AND s.id = a.session_id",
        // A global table (pf_users) is not a tenant table.
        "SELECT 1 FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id",
        // A CTE is not a table.
        "WITH billable AS (SELECT id FROM cl_group_sessions) SELECT 1 FROM billable b JOIN cl_group_attendance a ON a.session_id = b.id",
        "SELECT 1 FROM cl_group_sessions s JOIN cl_group_attendance a USING (organization_id, id)",
        "SELECT 'a.session_id = s.id' FROM cl_group_sessions s, cl_group_attendance a -- s.id = a.session_id",
    ])
    func tied(_ sql: String) {
        #expect(scanner.findings(in: sql) == [])
    }

    @Test("joins without organization_id are found", arguments: [
        ("SELECT 1 FROM cl_group_sessions s JOIN cl_group_attendance a ON a.session_id = s.id", "a.session_id = s.id"),
        ("SELECT 1 FROM cl_group_sessions s, cl_group_attendance a WHERE a.session_id = s.id", "a.session_id = s.id"),
        ("DELETE FROM cl_group_attendance a USING cl_group_sessions s WHERE a.session_id = s.id AND a.organization_id = $1", "a.session_id = s.id"),
        // A correlated subquery whose alias shadows an outer one that is tied.
        ("""
         SELECT (SELECT count(*) FROM cl_group_attendance a WHERE a.session_id = s.id)
         FROM cl_group_sessions s LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
         """, "a.session_id = s.id"),
        ("SELECT 1 FROM cl_group_attendance a JOIN pm_coverages c ON c.patient_id = a.patient_id AND c.organization_id = $1",
         "c.patient_id = a.patient_id"),
        ("SELECT 1 FROM cl_group_sessions s JOIN cl_group_attendance a USING (id)", "USING (…)"),
    ])
    func untied(_ sql: String, predicate: String) {
        #expect(scanner.findings(in: sql).map(\.predicate) == [predicate])
    }

    @Test("interpolations read as bind parameters; comments and raw strings are understood")
    func swiftLiterals() {
        let source = ##"""
            // "SELECT not this"
            let a = "FROM \(table) x"
            let b = """
                SELECT 1 FROM cl_group_sessions s
                JOIN cl_group_attendance a ON a.session_id = s.id AND a.id = \(rowID(of: "x"))
                """
            let c = #"{"k":"\#(value)"}"#
            """##
        let literals = SwiftStringLiterals.literals(in: source)
        #expect(literals.map(\.line) == [2, 3, 7])
        #expect(literals[0].text == "FROM  $0  x")
        #expect(literals[2].text == #"{"k":" $0 "}"#)
        #expect(scanner.findings(in: literals[1].text).map(\.predicate) == ["a.session_id = s.id"])
    }
}
