public import Foundation
import PostgresNIO
public import Platform

/// Loads the organization's service-code mappings and fee entries into the pure ``FeeSchedule``.
public enum FeeScheduleStore {
    public static func load(in tx: TenantTransaction) async throws -> FeeSchedule {
        var mappings: [ServiceCodeMapping] = []
        for try await (type, code, payer, from, to) in try await tx.query("""
            SELECT service_type, procedure_code, payer_id, to_char(effective_from, 'YYYY-MM-DD'), to_char(effective_to, 'YYYY-MM-DD')
            FROM pm_service_code_mappings ORDER BY effective_from DESC, id
            """).decode((String, String, UUID?, String, String?).self) {
            mappings.append(ServiceCodeMapping(serviceType: type, procedureCode: code, payerID: payer,
                                               period: try period(from, to)))
        }
        var fees: [FeeScheduleEntry] = []
        for try await (code, payer, rate, from, to) in try await tx.query("""
            SELECT procedure_code, payer_id, unit_rate_cents, to_char(effective_from, 'YYYY-MM-DD'), to_char(effective_to, 'YYYY-MM-DD')
            FROM pm_fee_schedule_entries ORDER BY effective_from DESC, id
            """).decode((String, UUID?, Int, String, String?).self) {
            fees.append(FeeScheduleEntry(procedureCode: code, payerID: payer, unitRateCents: rate, period: try period(from, to)))
        }
        return FeeSchedule(mappings: mappings, fees: fees)
    }

    static func period(_ from: String, _ to: String?) throws -> EffectivePeriod {
        guard let start = ServiceDate(from) else { throw DomainError(.internalError, code: "BAD_STORED_DATE", message: "A stored effective date is unreadable.") }
        return EffectivePeriod(from: start, to: to.flatMap(ServiceDate.init))
    }

    /// Adds an organization-wide or payer-specific mapping from a service type to a procedure code.
    public static func addMapping(serviceType: String, procedureCode: String, payerID: UUID?, effectiveFrom: ServiceDate,
                                  effectiveTo: ServiceDate? = nil, by principal: Principal?, in tx: TenantTransaction) async throws {
        let serviceType = serviceType.trimmingCharacters(in: .whitespaces)
        guard (1...80).contains(serviceType.count) else { throw DomainError.invalid("service_type", "Name the service or group type (up to 80 characters).") }
        try await checkEntry(procedureCode: procedureCode, payerID: payerID, effectiveFrom: effectiveFrom, effectiveTo: effectiveTo, in: tx)
        try await tx.query("""
            INSERT INTO pm_service_code_mappings (organization_id, id, service_type, payer_id, procedure_code, effective_from, effective_to)
            VALUES (\(tx.organizationID), \(UUID.random()), \(serviceType), \(payerID), \(procedureCode), \(effectiveFrom.description)::date,
                    \(effectiveTo?.description)::date)
            """)
        try await AuditLog.record(AuditEntry(action: "service-code-mapping.created", entityType: "service_type", entityID: serviceType,
                                             details: ["procedure_code": procedureCode]), by: principal, in: tx)
    }

    /// Adds a unit rate for a procedure code, organization-wide or for one payer.
    public static func addFee(procedureCode: String, payerID: UUID?, unitRateCents: Int, effectiveFrom: ServiceDate,
                              effectiveTo: ServiceDate? = nil, by principal: Principal?, in tx: TenantTransaction) async throws {
        guard (0...10_000_000).contains(unitRateCents) else { throw DomainError.invalid("unit_rate_cents", "A unit rate is 0 to 10,000,000 cents.") }
        try await checkEntry(procedureCode: procedureCode, payerID: payerID, effectiveFrom: effectiveFrom, effectiveTo: effectiveTo, in: tx)
        try await tx.query("""
            INSERT INTO pm_fee_schedule_entries (organization_id, id, procedure_code, payer_id, unit_rate_cents, effective_from, effective_to)
            VALUES (\(tx.organizationID), \(UUID.random()), \(procedureCode), \(payerID), \(unitRateCents), \(effectiveFrom.description)::date,
                    \(effectiveTo?.description)::date)
            """)
        try await AuditLog.record(AuditEntry(action: "fee-schedule-entry.created", entityType: "procedure_code", entityID: procedureCode),
                                  by: principal, in: tx)
    }
}

extension FeeScheduleStore {
    /// What mappings and fee entries share: a CPT/HCPCS code, a period that does not end before
    /// it starts, and a payer of this organization when one is named.
    static func checkEntry(procedureCode: String, payerID: UUID?, effectiveFrom: ServiceDate, effectiveTo: ServiceDate?,
                           in tx: TenantTransaction) async throws {
        guard procedureCode.count == 5, procedureCode.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            throw DomainError.invalid("procedure_code", "A procedure code is five capital letters or digits (CPT or HCPCS), e.g. 90853.")
        }
        if let effectiveTo, effectiveTo < effectiveFrom { throw DomainError.invalid("effective_to", "The period ends before it starts.") }
        if let payerID { _ = try await Payers.find(payerID, in: tx) }
    }
}
