public import Foundation
import PostgresNIO
public import Platform

/// Recording and reading financial counseling sessions.
public enum CounselingSessions {
    /// Records a session for a patient of the organization, pricing its FPL on the guideline in
    /// effect on the session date for the organization's region. Audited without figures.
    public static func create(patientID: UUID, _ input: CounselingSessionInput, form: CounselingFormInput? = nil, by principal: Principal?,
                              now: Date = Date(), in tx: TenantTransaction) async throws -> CounselingSession {
        let (date, sources, notes) = try input.validated(now: now)
        _ = try await Patients.find(patientID, in: tx)
        let priced = try await price(date: date, householdSize: input.householdSize, sources: sources, in: tx)
        let snapshot: FormSnapshot? = if let form { try await Forms.snapshot(formID: form.formID, version: form.version, answers: form.answers, in: tx) } else { nil }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_financial_counseling_sessions (organization_id, id, patient_id, session_date, household_size, annual_income_cents,
                guideline_year, guideline_region, fpl_percentage, income_verified_at, income_verified_by, assets_noted_cents, counselor_notes,
                form_id, form_version, form_snapshot, created_by)
            VALUES (\(tx.organizationID), \(id), \(patientID), \(date.description)::date, \(input.householdSize), \(priced.annualIncomeCents),
                \(priced.guideline.year), \(priced.guideline.region.rawValue), \(priced.fpl.description)::numeric, \(input.incomeVerifiedAt),
                \(input.incomeVerifiedAt == nil ? nil : principal?.userID), \(input.assetsNotedCents), \(notes),
                \(snapshot?.formID), \(snapshot?.version), \(try snapshot?.json())::jsonb, \(principal?.userID))
            """)
        try await insertSources(sources, session: id, in: tx)
        try await AuditLog.record(AuditEntry(action: "financial-counseling.session-recorded", entityType: "financial_counseling_session",
                                             entityID: id.uuidString, details: ["patient_id": patientID.uuidString, "guideline_year": String(priced.guideline.year),
                                                                                "verified": String(input.incomeVerifiedAt != nil), "version": "1"]),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    /// Replaces a session's household, income and notes when `expectedVersion` is current (409
    /// `STALE_VERSION` otherwise). The form snapshot is never touched. Verification stays with
    /// whoever verified it when the time is unchanged.
    public static func update(_ id: UUID, expectedVersion: Int, _ input: CounselingSessionInput, by principal: Principal?,
                              now: Date = Date(), in tx: TenantTransaction) async throws -> CounselingSession {
        let (date, sources, notes) = try input.validated(now: now)
        let priced = try await price(date: date, householdSize: input.householdSize, sources: sources, in: tx)
        let updated = try await tx.rows("""
            UPDATE pm_financial_counseling_sessions SET session_date = \(date.description)::date, household_size = \(input.householdSize),
                annual_income_cents = \(priced.annualIncomeCents), guideline_year = \(priced.guideline.year),
                guideline_region = \(priced.guideline.region.rawValue), fpl_percentage = \(priced.fpl.description)::numeric,
                income_verified_by = CASE WHEN \(input.incomeVerifiedAt)::timestamptz IS NULL THEN NULL
                    WHEN date_trunc('second', income_verified_at) = date_trunc('second', \(input.incomeVerifiedAt)::timestamptz) THEN income_verified_by
                    ELSE \(principal?.userID)::uuid END,
                income_verified_at = CASE WHEN date_trunc('second', income_verified_at) = date_trunc('second', \(input.incomeVerifiedAt)::timestamptz)
                    THEN income_verified_at ELSE \(input.incomeVerifiedAt)::timestamptz END,
                assets_noted_cents = \(input.assetsNotedCents), counselor_notes = \(notes), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING patient_id, version
            """)
        guard let row = updated.first else {
            guard try await !tx.rows("SELECT 1 FROM pm_financial_counseling_sessions WHERE id = \(id)").isEmpty else {
                throw DomainError.notFound("financial counseling session")
            }
            throw DomainError(.conflict, code: "STALE_VERSION", message: "The session was changed by someone else; reload it and try again.", field: "version")
        }
        let (patientID, version) = try row.decode((UUID, Int).self)
        try await tx.query("DELETE FROM pm_financial_counseling_income_sources WHERE session_id = \(id)")
        try await insertSources(sources, session: id, in: tx)
        try await AuditLog.record(AuditEntry(action: "financial-counseling.session-updated", entityType: "financial_counseling_session",
                                             entityID: id.uuidString, details: ["patient_id": patientID.uuidString, "guideline_year": String(priced.guideline.year),
                                                                                "verified": String(input.incomeVerifiedAt != nil), "version": String(version)]),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    /// One session; 404 when the id names none in this organization.
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> CounselingSession {
        guard let session = try await load(where: "id", id, in: tx).first else { throw DomainError.notFound("financial counseling session") }
        return session
    }

    /// A patient's sessions, newest first.
    public static func list(patientID: UUID, in tx: TenantTransaction) async throws -> [CounselingSession] {
        _ = try await Patients.find(patientID, in: tx)
        return try await load(where: "patient_id", patientID, in: tx)
    }

    struct Priced {
        let annualIncomeCents: Int
        let guideline: PovertyGuideline
        let fpl: FPLPercentage
    }

    static func price(date: ServiceDate, householdSize: Int, sources: [IncomeSource], field: String = "session_date",
                      region: PovertyGuidelineRegion? = nil, in tx: TenantTransaction) async throws -> Priced {
        let annual = IncomeSource.annualHouseholdIncome(sources)
        let region = if let region { region } else { try await PovertyGuidelines.region(in: tx) }
        let guideline = try await PovertyGuidelines.inEffect(on: date, region: region, field: field, in: tx)
        return Priced(annualIncomeCents: annual, guideline: guideline, fpl: guideline.fplPercentage(annualIncomeCents: annual, householdSize: householdSize))
    }

    private static func insertSources(_ sources: [IncomeSource], session: UUID, in tx: TenantTransaction) async throws {
        guard !sources.isEmpty else { return }
        try await tx.query("""
            INSERT INTO pm_financial_counseling_income_sources (organization_id, session_id, position, kind, amount_cents, frequency)
            SELECT \(tx.organizationID), \(session), s.position - 1, s.kind, s.amount, s.frequency
            FROM unnest(\(sources.map(\.kind.rawValue))::text[], \(sources.map(\.amountCents))::bigint[], \(sources.map(\.frequency.rawValue))::text[])
                 WITH ORDINALITY AS s(kind, amount, frequency, position)
            """)
    }

    private static func load(where column: String, _ value: UUID, in tx: TenantTransaction) async throws -> [CounselingSession] {
        // The column is one of two fixed names chosen in this file, never input.
        let filter = column == "id" ? "s.id" : "s.patient_id"
        var query = PostgresQuery(unsafeSQL: """
            SELECT s.id, s.patient_id, to_char(s.session_date, 'YYYY-MM-DD'), s.household_size, s.annual_income_cents, s.guideline_year,
                   s.guideline_region, (s.fpl_percentage * 100)::int, s.income_verified_at, s.income_verified_by, s.assets_noted_cents,
                   s.counselor_notes, s.form_snapshot::text, s.version,
                   coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'amount_cents', i.amount_cents, 'frequency', i.frequency) ORDER BY i.position)
                             FROM pm_financial_counseling_income_sources i
                             WHERE i.organization_id = s.organization_id AND i.session_id = s.id), '[]')::text
            FROM pm_financial_counseling_sessions s WHERE \(filter) = $1
            ORDER BY s.session_date DESC, s.created_at DESC
            """)
        query.binds.append(value)
        var sessions: [CounselingSession] = []
        for row in try await tx.rows(query) {
            let (id, patient, date, household, annual, year, region, hundredths, verifiedAt, verifiedBy, assets, notes, snapshot, version, sources) =
                try row.decode((UUID, UUID, String, Int, Int, Int, String, Int, Date?, UUID?, Int?, String?, String?, Int, String).self)
            sessions.append(CounselingSession(
                id: id, patientID: patient, sessionDate: ServiceDate(date) ?? ServiceDate(year: 1970, month: 1, day: 1)!, householdSize: household,
                incomeSources: try JSONDecoder().decode([IncomeSource].self, from: Data(sources.utf8)), annualIncomeCents: annual,
                guidelineYear: year, guidelineRegion: PovertyGuidelineRegion(rawValue: region) ?? .contiguous,
                fplPercentage: FPLPercentage(hundredths: hundredths), incomeVerifiedAt: verifiedAt, incomeVerifiedBy: verifiedBy,
                assetsNotedCents: assets, counselorNotes: notes, formSnapshot: try snapshot.map { try FormSnapshot.decode(json: $0) }, version: version))
        }
        return sessions
    }
}
