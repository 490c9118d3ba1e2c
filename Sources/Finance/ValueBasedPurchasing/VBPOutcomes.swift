public import Foundation
import PostgresNIO
public import Platform

/// One contract's outcome for one result, as reports read it.
public struct VBPOutcomeRow: Sendable, Hashable {
    public let contractID: UUID
    public let contractName: String
    public let payerID: UUID
    public let result: ReceivedQualityResult
    public let outcome: VBPOutcome
    /// The result covers the whole performance period: the figure the contract settles on. Shorter
    /// periods inside it are interim figures (what the rate so far would earn).
    public let coversWholePeriod: Bool
}

/// The stored outcomes: rebuilt from the pure rule whenever a result or a contract changes.
public enum VBPOutcomes {
    /// Rebuilds the outcomes of one result under every contract it falls under.
    static func rebuild(result: ReceivedQualityResult, in tx: TenantTransaction) async throws {
        try await tx.query("""
            DELETE FROM fa_vbp_outcomes WHERE measure_id = \(result.measureID)
              AND period_start = \(result.periodStart.description)::date AND period_end = \(result.periodEnd.description)::date
            """)
        let contracts = try await VBPContracts.covering(measureID: result.measureID, periodStart: result.periodStart,
                                                        periodEnd: result.periodEnd, in: tx)
        try await insert(contracts.map { ($0, result) }, in: tx)
    }

    /// Rebuilds one contract's outcomes from every stored result it covers.
    static func rebuild(contract: VBPContract, in tx: TenantTransaction) async throws {
        try await tx.query("DELETE FROM fa_vbp_outcomes WHERE contract_id = \(contract.id)")
        let results = try await QualityResults.select(measureID: contract.terms.measureID, periodStart: contract.terms.performancePeriodStart,
                                                      periodEnd: contract.terms.performancePeriodEnd, in: tx)
        try await insert(results.map { (contract, $0) }, in: tx)
    }

    private static func insert(_ pairs: [(VBPContract, ReceivedQualityResult)], in tx: TenantTransaction) async throws {
        guard !pairs.isEmpty else { return }
        let outcomes = pairs.map { contract, result in
            VBPOutcome.settle(numerator: result.numeratorCount, denominator: result.denominatorCount, under: contract.terms)
        }
        let contractIDs = pairs.map(\.0.id)
        let measures = pairs.map(\.1.measureID)
        let starts = pairs.map(\.1.periodStart.description)
        let ends = pairs.map(\.1.periodEnd.description)
        let versions = pairs.map(\.1.calculationVersion)
        // Arrays cannot hold NULL here; -1 (never a rate or a tier) stands for "none".
        let rates = outcomes.map { $0.rateBasisPoints ?? -1 }
        let tiers = outcomes.map { $0.tierReached ?? -1 }
        try await tx.query("""
            INSERT INTO fa_vbp_outcomes (organization_id, contract_id, measure_id, period_start, period_end, calculation_version, rate_bp,
                                         tier_reached, incentive_earned_cents, at_risk_retained_cents, at_risk_lost_cents,
                                         quality_adjusted_revenue_cents)
            SELECT \(tx.organizationID), o.contract_id, o.measure_id, o.period_start::date, o.period_end::date, o.version, nullif(o.rate, -1),
                   nullif(o.tier, -1), o.earned, o.retained, o.lost, o.adjusted
            FROM unnest(\(contractIDs)::uuid[], \(measures)::text[], \(starts)::text[], \(ends)::text[], \(versions)::int8[],
                        \(rates)::int8[], \(tiers)::int8[], \(outcomes.map(\.incentiveEarnedCents))::int8[],
                        \(outcomes.map(\.atRiskRetainedCents))::int8[], \(outcomes.map(\.atRiskLostCents))::int8[],
                        \(outcomes.map(\.qualityAdjustedRevenueCents))::int8[])
                 AS o(contract_id, measure_id, period_start, period_end, version, rate, tier, earned, retained, lost, adjusted)
            """)
    }

    /// The outcomes of results whose period lies within `periodStart…periodEnd`, by measure, period and contract.
    public static func list(periodStart: ServiceDate, periodEnd: ServiceDate, in tx: TenantTransaction) async throws -> [VBPOutcomeRow] {
        var rows: [VBPOutcomeRow] = []
        for try await (contractID, name, payer, measure, start, end, denominator, numerator, version, calculatedAt,
                       rate, tier, earned, retained, lost, adjusted, whole) in try await tx.query("""
            SELECT c.id, c.name, c.payer_id, r.measure_id, to_char(r.period_start, 'YYYY-MM-DD'), to_char(r.period_end, 'YYYY-MM-DD'),
                   r.denominator_count::int8, r.numerator_count::int8, r.calculation_version::int8, r.calculated_at,
                   o.rate_bp::int8, o.tier_reached::int8, o.incentive_earned_cents, o.at_risk_retained_cents, o.at_risk_lost_cents,
                   o.quality_adjusted_revenue_cents,
                   (r.period_start = c.performance_period_start AND r.period_end = c.performance_period_end)
            FROM fa_vbp_outcomes o
            JOIN fa_vbp_contracts c ON c.organization_id = o.organization_id AND c.id = o.contract_id
            JOIN fa_quality_results r ON r.organization_id = o.organization_id AND r.measure_id = o.measure_id
                                     AND r.period_start = o.period_start AND r.period_end = o.period_end
            WHERE r.period_start >= \(periodStart.description)::date AND r.period_end <= \(periodEnd.description)::date
            ORDER BY r.measure_id, r.period_start, r.period_end, c.name, c.id
            """).decode((UUID, String, UUID, String, String, String, Int, Int, Int, Date, Int?, Int?, Int, Int, Int, Int, Bool).self) {
            guard let startDate = ServiceDate(start), let endDate = ServiceDate(end) else { continue }
            let result = ReceivedQualityResult(measureID: measure, periodStart: startDate, periodEnd: endDate, denominatorCount: denominator,
                                               numeratorCount: numerator, calculationVersion: version, calculatedAt: calculatedAt)
            let outcome = VBPOutcome(rateBasisPoints: rate, tierReached: tier, incentiveEarnedCents: earned, atRiskRetainedCents: retained,
                                     atRiskLostCents: lost, qualityAdjustedRevenueCents: adjusted)
            rows.append(VBPOutcomeRow(contractID: contractID, contractName: name, payerID: payer, result: result, outcome: outcome,
                                      coversWholePeriod: whole))
        }
        return rows
    }
}
