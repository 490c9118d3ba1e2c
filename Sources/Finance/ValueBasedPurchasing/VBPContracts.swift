public import Foundation
import PostgresNIO
public import Platform

/// Storage of VBP contracts: list, create and update, each change validated, audited and followed
/// by rebuilding the contract's outcomes from the results already received.
public enum VBPContracts {
    /// Every contract of the organization, by performance period then name.
    public static func list(in tx: TenantTransaction) async throws -> [VBPContract] {
        try await load(nil, in: tx)
    }

    /// The contract, or 404.
    public static func find(_ id: UUID, in tx: TenantTransaction) async throws -> VBPContract {
        guard let contract = try await load(id, in: tx).first else { throw DomainError.notFound("VBP contract") }
        return contract
    }

    /// Creates a contract after checking its terms and that the payer exists in this organization.
    public static func create(_ draft: VBPContractDraft, by principal: Principal?, in tx: TenantTransaction) async throws -> VBPContract {
        try await check(draft, in: tx)
        let id = UUID.random()
        let row = StoredTerms(draft.terms)
        try await tx.query("""
            INSERT INTO fa_vbp_contracts (organization_id, id, payer_id, name, measure_id, performance_period_start, performance_period_end,
                                          tier_minimum_rates_bp, tier_earned_bp, incentive_kind, incentive_amount_cents, incentive_pool_cents,
                                          incentive_pool_bp, withhold_cents, base_revenue_cents)
            VALUES (\(tx.organizationID), \(id), \(draft.payerID), \(draft.name), \(draft.terms.measureID),
                    \(draft.terms.performancePeriodStart.description)::date, \(draft.terms.performancePeriodEnd.description)::date,
                    \(row.minimumRates)::int[], \(row.earned)::int[], \(row.kind), \(row.amount), \(row.pool), \(row.poolBasisPoints),
                    \(draft.terms.withholdCents), \(draft.terms.baseRevenueCents))
            """)
        let contract = try await find(id, in: tx)
        try await AuditLog.record(AuditEntry(action: "vbp-contract.created", entityType: "vbp_contract", entityID: id.uuidString,
                                             details: auditDetails(contract)), by: principal, in: tx)
        try await VBPOutcomes.rebuild(contract: contract, in: tx)
        return contract
    }

    /// Replaces a contract's payer, name and terms; 409 STALE_CONTRACT when it changed since `expectedVersion`.
    public static func update(_ id: UUID, _ draft: VBPContractDraft, expectedVersion: Int, by principal: Principal?,
                              in tx: TenantTransaction) async throws -> VBPContract {
        let current = try await find(id, in: tx)
        try await check(draft, in: tx)
        let row = StoredTerms(draft.terms)
        let updated = try await tx.rows("""
            UPDATE fa_vbp_contracts
            SET payer_id = \(draft.payerID), name = \(draft.name), measure_id = \(draft.terms.measureID),
                performance_period_start = \(draft.terms.performancePeriodStart.description)::date,
                performance_period_end = \(draft.terms.performancePeriodEnd.description)::date,
                tier_minimum_rates_bp = \(row.minimumRates)::int[], tier_earned_bp = \(row.earned)::int[], incentive_kind = \(row.kind),
                incentive_amount_cents = \(row.amount), incentive_pool_cents = \(row.pool), incentive_pool_bp = \(row.poolBasisPoints),
                withhold_cents = \(draft.terms.withholdCents), base_revenue_cents = \(draft.terms.baseRevenueCents),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING version
            """)
        guard !updated.isEmpty else {
            throw DomainError(.conflict, code: "STALE_CONTRACT",
                              message: "The contract changed since version \(expectedVersion) (it is at \(current.version)); reload and apply your change again.")
        }
        let contract = try await find(id, in: tx)
        var details = auditDetails(contract)
        details["previous_version"] = String(current.version)
        try await AuditLog.record(AuditEntry(action: "vbp-contract.updated", entityType: "vbp_contract", entityID: id.uuidString,
                                             details: details), by: principal, in: tx)
        try await VBPOutcomes.rebuild(contract: contract, in: tx)
        return contract
    }

    /// The contracts a result for `measureID` over `periodStart…periodEnd` falls under.
    static func covering(measureID: String, periodStart: ServiceDate, periodEnd: ServiceDate,
                         in tx: TenantTransaction) async throws -> [VBPContract] {
        try await list(in: tx).filter { $0.terms.measureID == measureID && $0.terms.covers(periodStart: periodStart, periodEnd: periodEnd) }
    }

    private static func check(_ draft: VBPContractDraft, in tx: TenantTransaction) async throws {
        let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count), name == draft.name else {
            throw DomainError.invalid("name", "Give the contract a name of 1 to 200 characters, without leading or trailing spaces.")
        }
        try draft.terms.validate()
        guard try await PayerLookup.exists(draft.payerID, in: tx) else {
            throw DomainError.invalid("payer_id", "No payer with that id exists in this organization.", code: "REFERENCE_NOT_FOUND")
        }
    }

    /// Ids and codes only: the contract's measure, payer, period and version.
    private static func auditDetails(_ contract: VBPContract) -> [String: String] {
        ["measure_id": contract.terms.measureID, "payer_id": contract.payerID.uuidString,
         "performance_period": "\(contract.terms.performancePeriodStart)/\(contract.terms.performancePeriodEnd)",
         "version": String(contract.version)]
    }

    private static func load(_ id: UUID?, in tx: TenantTransaction) async throws -> [VBPContract] {
        var contracts: [VBPContract] = []
        for try await (contractID, payer, name, measure, start, end, minimums, earned, kind, amount, pool, poolBP, withhold, base, version, updatedAt)
            in try await tx.query("""
            SELECT id, payer_id, name, measure_id, to_char(performance_period_start, 'YYYY-MM-DD'), to_char(performance_period_end, 'YYYY-MM-DD'),
                   tier_minimum_rates_bp::int8[], tier_earned_bp::int8[], incentive_kind, incentive_amount_cents, incentive_pool_cents,
                   incentive_pool_bp::int8, withhold_cents, base_revenue_cents, version::int8, updated_at
            FROM fa_vbp_contracts
            WHERE \(id)::uuid IS NULL OR id = \(id)
            ORDER BY performance_period_start, name, id
            """).decode((UUID, UUID, String, String, String, String, [Int], [Int], String, Int?, Int?, Int?, Int, Int, Int, Date).self) {
            guard let startDate = ServiceDate(start), let endDate = ServiceDate(end) else { continue }
            let incentive: IncentiveTerms = kind == "percent_of_pool" ? .percentOfPool(poolCents: pool ?? 0, basisPoints: poolBP ?? 0)
                                                                      : .fixedAmount(cents: amount ?? 0)
            let tiers = zip(minimums, earned).map { PerformanceTier(minimumRateBasisPoints: $0, earnedBasisPoints: $1) }
            let terms = VBPContractTerms(measureID: measure, performancePeriodStart: startDate, performancePeriodEnd: endDate, tiers: tiers,
                                         incentive: incentive, withholdCents: withhold, baseRevenueCents: base)
            contracts.append(VBPContract(id: contractID, payerID: payer, name: name, terms: terms, version: version, updatedAt: updatedAt))
        }
        return contracts
    }
}

/// The terms in their stored columns.
private struct StoredTerms {
    let minimumRates: [Int]
    let earned: [Int]
    let kind: String
    let amount: Int?
    let pool: Int?
    let poolBasisPoints: Int?

    init(_ terms: VBPContractTerms) {
        minimumRates = terms.tiers.map(\.minimumRateBasisPoints)
        earned = terms.tiers.map(\.earnedBasisPoints)
        kind = terms.incentive.kind
        switch terms.incentive {
        case .fixedAmount(let cents): (amount, pool, poolBasisPoints) = (cents, nil, nil)
        case .percentOfPool(let poolCents, let basisPoints): (amount, pool, poolBasisPoints) = (nil, poolCents, basisPoints)
        }
    }
}
