public import Foundation
import PostgresNIO
public import Platform

/// Claims built from active charges: one claim per member and payer (PM-07 → 837P).
public enum Claims {
    /// Builds claims from the scope's active charges that no live claim holds, one per (member,
    /// payer), split at the 837P's 50 lines; scrubs each. Charges without a payer are reported in
    /// `unclaimedCharges`, not claimed. Nothing to claim answers 422 `NOTHING_TO_CLAIM`.
    /// Runs in the caller's transaction; the caller locks `groupSessionIDs` in the same one.
    public static func create(scope: ClaimScope, jurisdictions: JurisdictionResolver, by principal: Principal,
                              in tx: TenantTransaction) async throws -> ClaimBuild {
        var sessionID: UUID?
        var patientID: UUID?
        switch scope {
        case .groupSession(let id):
            guard try await GroupSessionReadModel.load(sessionID: id, in: tx) != nil else { throw DomainError.notFound("group session") }
            sessionID = id
        case .patient(let id):
            _ = try await Patients.find(id, in: tx)
            patientID = id
        }
        // FOR UPDATE: a concurrent build of the same charges waits here; the partial unique index on
        // current lines refuses whatever still slips through.
        let rows = try await tx.rows("""
            SELECT c.id, c.patient_id, c.payer_id, c.group_session_id, coalesce(c.amount_cents, 0)::int8
            FROM pm_charges c
            WHERE c.status = 'active'
              AND (\(sessionID)::uuid IS NULL OR c.group_session_id = \(sessionID))
              AND (\(patientID)::uuid IS NULL OR c.patient_id = \(patientID))
              AND NOT EXISTS (SELECT 1 FROM pm_claim_lines l WHERE l.organization_id = c.organization_id AND l.charge_id = c.id AND l.current)
            ORDER BY c.patient_id, c.payer_id, c.service_date, c.created_at, c.id
            FOR UPDATE OF c
            """).map { try $0.decode((UUID, UUID, UUID?, UUID?, Int).self) }
        var unclaimed: [UnclaimedCharge] = []
        var groups: [(patient: UUID, payer: UUID, charges: [(id: UUID, session: UUID?, amount: Int)])] = []
        for (id, patient, payer, session, amount) in rows {
            guard let payer else {
                unclaimed.append(UnclaimedCharge(chargeID: id, reason: "NO_PAYER"))
                continue
            }
            if let last = groups.last, last.patient == patient, last.payer == payer, last.charges.count < ProfessionalClaimBatch.maximumLines {
                groups[groups.count - 1].charges.append((id, session, amount))
            } else {
                groups.append((patient, payer, [(id, session, amount)]))
            }
        }
        guard !groups.isEmpty else {
            let detail = unclaimed.isEmpty ? "every active charge in it is already on a claim, or it has none"
                : "\(unclaimed.count) active charge\(unclaimed.count == 1 ? " has" : "s have") no payer"
            throw DomainError(.unprocessable, code: "NOTHING_TO_CLAIM", message: "Nothing to claim for this scope: \(detail).")
        }
        var created: [ClaimDetail] = []
        for group in groups {
            let id = try await insertClaim(patientID: group.patient, payerID: group.payer, frequency: .original, replacing: nil,
                                           reason: nil, chargeIDs: group.charges.map(\.id), totalCents: group.charges.reduce(0) { $0 + $1.amount },
                                           linesCurrent: true, by: principal, in: tx)
            try await ClaimScrubber.scrub(claimID: id, jurisdictions: jurisdictions, in: tx)
            created.append(try await find(id, in: tx))
        }
        var sessions: [UUID] = []
        for session in groups.flatMap({ $0.charges.compactMap(\.session) }) where !sessions.contains(session) { sessions.append(session) }
        return ClaimBuild(claims: created, unclaimedCharges: unclaimed, groupSessionIDs: sessions)
    }

    /// Writes one claim and its lines and audit-logs it; returns its id.
    static func insertClaim(patientID: UUID, payerID: UUID, frequency: ClaimFrequency, replacing original: (id: UUID, number: String)?,
                            reason: String?, chargeIDs: [UUID], totalCents: Int, linesCurrent: Bool, by principal: Principal,
                            in tx: TenantTransaction) async throws -> UUID {
        let id = UUID.random()
        let number = ClaimCounters.claimNumber(try await ClaimCounters.next(ClaimCounters.claimNumber, in: tx))
        try await tx.query("""
            INSERT INTO pm_claims (organization_id, id, claim_number, patient_id, payer_id, frequency_code, replaces_claim_id, original_claim_number,
                                   total_cents, correction_reason, created_by)
            VALUES (\(tx.organizationID), \(id), \(number), \(patientID), \(payerID), \(frequency.rawValue), \(original?.id), \(original?.number),
                    \(totalCents), \(reason), \(principal.userID))
            """)
        try await tx.query("""
            INSERT INTO pm_claim_lines (organization_id, claim_id, line_number, charge_id, current)
            SELECT \(tx.organizationID), \(id), l.line_number, l.charge_id, \(linesCurrent)
            FROM unnest(\(chargeIDs)::uuid[]) WITH ORDINALITY AS l(charge_id, line_number)
            """)
        try await AuditLog.record(AuditEntry(action: "claim.created", entityType: "claim", entityID: id.uuidString,
                                             details: ["claim_number": number, "frequency": frequency.rawValue, "lines": String(chargeIDs.count),
                                                       "replaces_claim_id": original?.id.uuidString ?? ""]),
                                  by: principal, in: tx)
        return id
    }

    /// One claim with its lines and latest scrubber findings; 404 when unknown (or another tenant's).
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> ClaimDetail {
        guard let claim = try await select("WHERE id = \(id)", in: tx).first else { throw DomainError.notFound("claim") }
        let lines = try await tx.rows("""
            SELECT l.line_number, c.id, to_char(c.service_date, 'YYYY-MM-DD'), c.procedure_code, c.modifiers, c.units, c.unit_rate_cents,
                   c.amount_cents::int8, c.group_session_id, c.status
            FROM pm_claim_lines l JOIN pm_charges c ON c.organization_id = l.organization_id AND c.id = l.charge_id
            WHERE l.claim_id = \(id) ORDER BY l.line_number
            """).map { row in
            let (number, charge, date, code, modifiers, units, rate, amount, session, status) =
                try row.decode((Int, UUID, String, String, [String], Int, Int?, Int?, UUID?, String).self)
            return ClaimLine(lineNumber: number, chargeID: charge, serviceDate: date, procedureCode: code, modifiers: modifiers, units: units,
                             unitRateCents: rate, amountCents: amount, groupSessionID: session, chargeStatus: status)
        }
        let validations = try await tx.rows("""
            SELECT severity, code, message, field, group_session_id FROM pm_claim_validations WHERE claim_id = \(id) ORDER BY position
            """).map { row in
            let (severity, code, message, field, session) = try row.decode((String, String, String, String?, UUID?).self)
            return ClaimValidation(severity: ClaimValidation.Severity(rawValue: severity) ?? .error, code: code, message: message,
                                   field: field, groupSessionID: session)
        }
        return ClaimDetail(claim: claim, lines: lines, validations: validations)
    }

    /// Claims newest first, optionally by status and patient.
    public static func list(status: ClaimStatus?, patientID: UUID?, limit: Int, offset: Int, in tx: TenantTransaction) async throws -> [Claim] {
        try await select("""
            WHERE (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue)) AND (\(patientID)::uuid IS NULL OR patient_id = \(patientID))
            ORDER BY created_at DESC, claim_number DESC LIMIT \(limit) OFFSET \(offset)
            """, in: tx)
    }

    /// Ids of the claims not yet exported, oldest first (what `claims export --all-open` sends).
    public static func openClaimIDs(in tx: TenantTransaction) async throws -> [UUID] {
        try await tx.rows("SELECT id FROM pm_claims WHERE status = 'open' ORDER BY created_at, claim_number").map { try $0.decode(UUID.self) }
    }

    static func select(_ filter: PostgresQuery, in tx: TenantTransaction) async throws -> [Claim] {
        var sql = PostgresQuery(unsafeSQL: """
            SELECT id, claim_number, patient_id, payer_id, frequency_code, replaces_claim_id, original_claim_number, status, total_cents,
                   correction_reason, created_at, created_by, exported_at
            FROM pm_claims
            """)
        sql.sql += " " + filter.sql
        sql.binds = filter.binds
        return try await tx.rows(sql).map { row in
            let (id, number, patient, payer, frequency, replaces, original, status, total, reason, created, createdBy, exported) =
                try row.decode((UUID, String, UUID, UUID, String, UUID?, String?, String, Int, String?, Date, UUID?, Date?).self)
            return Claim(id: id, claimNumber: number, patientID: patient, payerID: payer, frequencyCode: frequency, replacesClaimID: replaces,
                         originalClaimNumber: original, status: ClaimStatus(rawValue: status) ?? .open, totalCents: total,
                         correctionReason: reason, createdAt: created, createdBy: createdBy, exportedAt: exported)
        }
    }
}
