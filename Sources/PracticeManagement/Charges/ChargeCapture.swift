public import Foundation
import PostgresNIO
public import Platform

/// Charge capture for individual encounters (PM-07): every charge goes through the pure rules
/// engine with the organization's resolved jurisdiction profile and fee schedule.
public struct ChargeCapture: Sendable {
    let resolver: JurisdictionResolver

    public init(resolver: JurisdictionResolver) {
        self.resolver = resolver
    }

    /// The charge the rules would produce, without saving anything.
    public func preview(_ input: EncounterInput, in tx: TenantTransaction) async throws -> ChargeQuote {
        try await checkReferences(input, in: tx)
        let jurisdiction = await resolver.resolve(siteID: input.siteID, in: tx)
        let engine = BillingRulesEngine(jurisdiction: jurisdiction, feeSchedule: try await FeeScheduleStore.load(in: tx))
        let settings = try await ModuleSettings.load(in: tx)
        let evaluation = engine.evaluate(EncounterCharge(serviceType: input.serviceType, minutes: input.minutes,
                                                         facts: input.facts(settings: settings), payerID: input.payerID,
                                                         serviceDate: input.serviceDate))
        return ChargeQuote(evaluation, jurisdiction: jurisdiction)
    }

    /// Creates the charge. With an idempotency key, a retry of the same request returns the
    /// charge the first one made (`replayed` is true); the same key with a different request is refused.
    public func create(_ input: EncounterInput, idempotencyKey: String?, by principal: Principal,
                       in tx: TenantTransaction) async throws -> (charge: Charge, replayed: Bool) {
        let fingerprint = try Self.fingerprint(input)
        if let idempotencyKey {
            guard (1...200).contains(idempotencyKey.count) else {
                throw DomainError.invalid("Idempotency-Key", "An idempotency key is 1 to 200 characters.")
            }
            // Concurrent first uses of one key wait here for the first to commit, then find its
            // charge and replay it, instead of racing to the unique index and answering 409.
            let lockKey = "pm_charges:\(tx.organizationID.uuidString):\(idempotencyKey)"
            try await tx.query("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))")
            if let (existing, storedFingerprint) = try await Self.byIdempotencyKey(idempotencyKey, in: tx) {
                guard storedFingerprint == fingerprint else {
                    throw DomainError(.conflict, code: "IDEMPOTENCY_KEY_REUSED",
                                      message: "This Idempotency-Key was used for a different request.")
                }
                return (existing, true)
            }
        }
        let quote = try await preview(input, in: tx)
        guard quote.billable, let code = quote.procedureCode, let units = quote.units else {
            let problem = quote.problems.first
            throw DomainError(.unprocessable, code: problem?.code ?? "NOT_BILLABLE", message: problem?.message ?? "The encounter is not billable.")
        }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_charges (organization_id, id, patient_id, site_id, service_date, service_type, minutes, facts, payer_id,
                                    procedure_code, modifiers, units, unit_rate_cents, amount_cents, profile_source, fallback_fields,
                                    idempotency_key, request_hash, created_by)
            VALUES (\(tx.organizationID), \(id), \(input.patientID), \(input.siteID), \(input.serviceDate.description)::date,
                    \(input.serviceType), \(input.minutes), \(fingerprint)::jsonb, \(input.payerID), \(code), \(quote.modifiers), \(units),
                    \(quote.unitRateCents), \(quote.amountCents), \(quote.profileSource), \(quote.fallbackFields),
                    \(idempotencyKey), \(fingerprint), \(principal.userID))
            """)
        try await AuditLog.record(AuditEntry(action: "charge.created", entityType: "charge", entityID: id.uuidString,
                                             details: ["procedure_code": code, "profile_source": quote.profileSource]), by: principal, in: tx)
        return (try await Self.find(id, in: tx), false)
    }

    /// Voids an active charge, keeping the row; a void needs a reason.
    public static func void(_ id: UUID, reason: String, by principal: Principal, in tx: TenantTransaction) async throws -> Charge {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else { throw DomainError.invalid("reason", "Say why the charge is voided (up to 500 characters).") }
        let charge = try await find(id, in: tx)
        guard charge.status == "active" else { throw DomainError(.conflict, code: "ALREADY_VOID", message: "The charge is already void.") }
        try await tx.query("""
            UPDATE pm_charges SET status = 'void', void_reason = \(reason), voided_at = now(), voided_by = \(principal.userID) WHERE id = \(id)
            """)
        try await AuditLog.record(AuditEntry(action: "charge.voided", entityType: "charge", entityID: id.uuidString, reason: reason),
                                  by: principal, in: tx)
        return try await find(id, in: tx)
    }

    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> Charge {
        guard let charge = try await select("WHERE id = \(id)", in: tx).first else { throw DomainError.notFound("charge") }
        return charge
    }

    /// A patient's charges, newest service first, void ones included (they are part of the record).
    public static func list(patientID: UUID, in tx: TenantTransaction) async throws -> [Charge] {
        try await select("WHERE patient_id = \(patientID) ORDER BY service_date DESC, created_at DESC", in: tx)
    }

    /// A group session's charges, members' active ones first; void ones stay on record.
    public static func list(groupSessionID: UUID, in tx: TenantTransaction) async throws -> [Charge] {
        try await select("WHERE group_session_id = \(groupSessionID) ORDER BY status, patient_id, created_at DESC", in: tx)
    }

    static func byIdempotencyKey(_ key: String, in tx: TenantTransaction) async throws -> (Charge, String)? {
        let rows = try await tx.rows("SELECT id, request_hash FROM pm_charges WHERE idempotency_key = \(key)")
        guard let row = rows.first else { return nil }
        let (id, fingerprint) = try row.decode((UUID, String?).self)
        return (try await find(id, in: tx), fingerprint ?? "")
    }

    func checkReferences(_ input: EncounterInput, in tx: TenantTransaction) async throws {
        guard try await !tx.rows("SELECT 1 FROM pm_patients WHERE id = \(input.patientID)").isEmpty else { throw DomainError.notFound("patient") }
        if let payer = input.payerID { _ = try await Payers.find(payer, in: tx) }
        if let site = input.siteID { try await Organizations.requireSite(site, in: tx) }
        guard (0...1440).contains(input.minutes) else { throw DomainError.invalid("minutes", "Minutes run from 0 to 1440.") }
        guard !input.serviceType.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.invalid("service_type", "Name the service type.") }
    }

    static func fingerprint(_ input: EncounterInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(input), as: UTF8.self)
    }

    private static func select(_ filter: PostgresQuery, in tx: TenantTransaction) async throws -> [Charge] {
        var sql = PostgresQuery(unsafeSQL: """
            SELECT id, patient_id, to_char(service_date, 'YYYY-MM-DD'), service_type, minutes, payer_id, procedure_code, modifiers, units,
                   unit_rate_cents, amount_cents::int8, profile_source, fallback_fields, group_session_id, status, void_reason, created_at
            FROM pm_charges
            """)
        sql.sql += " " + filter.sql
        sql.binds = filter.binds
        var charges: [Charge] = []
        for row in try await tx.rows(sql) {
            let (id, patient, date, type, minutes, payer, code, modifiers, units, rate, amount, source, fallbacks, session, status, reason, created) =
                try row.decode((UUID, UUID, String, String, Int, UUID?, String, [String], Int, Int?, Int?, String, [String], UUID?, String, String?, Date).self)
            charges.append(Charge(id: id, patientID: patient, serviceDate: date, serviceType: type, minutes: minutes, payerID: payer,
                                  procedureCode: code, modifiers: modifiers, units: units, unitRateCents: rate, amountCents: amount,
                                  profileSource: source, fallbackFields: fallbacks, groupSessionID: session, status: status,
                                  voidReason: reason, createdAt: created))
        }
        return charges
    }
}
