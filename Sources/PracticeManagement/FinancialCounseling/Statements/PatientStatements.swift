public import Foundation
import PostgresNIO
public import Platform

/// Building patient statements, one or a run over every patient with a balance.
public enum PatientStatements {
    /// One patient's statement for `from`…`to`, made on the organization's date at `now`.
    public static func statement(patientID: UUID, from: ServiceDate, to: ServiceDate, now: Date = Date(), in tx: TenantTransaction) async throws -> PatientStatement {
        try checkPeriod(from: from, to: to)
        _ = try await Patients.find(patientID, in: tx)
        let today = try await CharityCareApplications.organizationToday(now: now, in: tx)
        return try await build(patients: [patientID], from: from, to: to, statementDate: today, schedules: SlidingFeeSchedules.versions(in: tx), in: tx)[0]
    }

    /// The statement run: every patient whose balance through `to` is above zero, by patient id,
    /// in batches of `batchSize` patients (a few queries per batch, whatever the organization's size).
    public static func run(from: ServiceDate, to: ServiceDate, now: Date = Date(), batchSize: Int = 2000, in tx: TenantTransaction) async throws -> [PatientStatement] {
        try checkPeriod(from: from, to: to)
        let today = try await CharityCareApplications.organizationToday(now: now, in: tx)
        let schedules = try await SlidingFeeSchedules.versions(in: tx)
        // Patients in id order, a batch at a time (an index range each), rather than first finding
        // the distinct patients of every charge: that was a pass over all charges before pricing.
        // A patient with nothing self-pay owed has no balance above zero and is left out below.
        var statements: [PatientStatement] = []
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        while true {
            let batch = try await tx.rows("SELECT id FROM pm_patients WHERE id > \(after) ORDER BY id LIMIT \(batchSize)").map { try $0.decode(UUID.self) }
            guard let last = batch.last else { break }
            statements += try await build(patients: batch, from: from, to: to, statementDate: today, schedules: schedules, in: tx).filter { $0.balanceCents > 0 }
            after = last
        }
        return statements
    }

    static func checkPeriod(from: ServiceDate, to: ServiceDate) throws {
        guard from <= to else { throw DomainError.invalid("to", "The period ends before it starts.") }
    }

    /// Statements for a batch of patients, in the order given. Pricing is set-based: Swift decides
    /// each patient's terms once (the authoritative FPL's class in every schedule version, and the
    /// charity discount), and PostgreSQL applies them to the charges with `pm_fee_adjustment_cents`
    /// (StatementLinePricing's arithmetic), summing the lines before the period per patient and
    /// returning the period's lines as arrays, one row per patient.
    static func build(patients: [UUID], from: ServiceDate, to: ServiceDate, statementDate: ServiceDate, schedules: [SlidingFeeSchedule],
                      in tx: TenantTransaction) async throws -> [PatientStatement] {
        let records = try await PatientSlidingFeeTiers.fplRecords(patients: patients, in: tx)
        let charity = try await CharityIndicator.standings(patients: patients, on: statementDate, in: tx)
        let terms = StatementTerms(patients: patients, fpl: { AuthoritativeFPL.choose(from: records[$0] ?? [])?.fplPercentage },
                                   charityPercent: { charity[$0]?.discountPercent }, schedules: schedules)
        // Only self-pay charges can carry patient responsibility today (see StatementLinePricing).
        var earlier: [UUID: Int] = [:]
        var lines: [UUID: [PatientStatementLine]] = [:]
        for try await (patient, earlierDue, ids, days, codes, amounts, responsibilities, slidings, charities, labels) in try await tx.query(
            terms.pricedCharges(from: from, to: to)).decode((UUID, Int, [UUID], [Int], [String], [Int], [Int], [Int], [Int], [String]).self) {
            earlier[patient] = earlierDue
            // By date, then charge id as PostgreSQL orders uuids (bytewise: the same order as their hex text).
            let order = ids.indices.sorted { days[$0] != days[$1] ? days[$0] < days[$1] : ids[$0].uuidString < ids[$1].uuidString }
            lines[patient] = order.compactMap { line in
                guard let serviceDate = ServiceDate(dayNumber: days[line]) else { return nil }
                return PatientStatementLine(chargeID: ids[line], serviceDate: serviceDate, procedureCode: codes[line], chargeCents: amounts[line],
                                            pricing: StatementLinePricing(responsibilityCents: responsibilities[line], slidingFeeAdjustmentCents: slidings[line],
                                                                          charityAdjustmentCents: charities[line]),
                                            slidingFeeClass: labels[line].isEmpty ? nil : labels[line])
            }
        }
        var paidBefore: [UUID: Int] = [:], paidDuring: [UUID: Int] = [:]
        for try await (patient, before, during) in try await tx.query("""
            SELECT patient_id, coalesce(sum(amount_cents) FILTER (WHERE received_on < \(from.description)::date), 0)::bigint,
                   coalesce(sum(amount_cents) FILTER (WHERE received_on >= \(from.description)::date), 0)::bigint
            FROM pm_patient_payments WHERE patient_id = ANY(\(patients)::uuid[]) AND received_on <= \(to.description)::date
            GROUP BY patient_id
            """).decode((UUID, Int, Int).self) {
            paidBefore[patient] = before
            paidDuring[patient] = during
        }
        let displaySchedule = SlidingFeeSchedule.inEffect(on: statementDate, among: schedules)
        return patients.map { patient in
            PatientStatement(patientID: patient, periodFrom: from, periodTo: to, statementDate: statementDate,
                             tier: PatientSlidingFeeTier.decide(patientID: patient, sessions: records[patient] ?? [], schedule: displaySchedule),
                             charity: charity[patient], previousBalanceCents: (earlier[patient] ?? 0) - (paidBefore[patient] ?? 0),
                             lines: lines[patient] ?? [], paymentsCents: paidDuring[patient] ?? 0)
        }
    }
}
