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
    public static func run(from: ServiceDate, to: ServiceDate, now: Date = Date(), batchSize: Int = 50_000, in tx: TenantTransaction) async throws -> [PatientStatement] {
        try checkPeriod(from: from, to: to)
        let today = try await CharityCareApplications.organizationToday(now: now, in: tx)
        let schedules = try await SlidingFeeSchedules.versions(in: tx)
        // Patients in id order, a batch at a time, rather than first finding the distinct patients
        // of every charge: that was a pass over all charges before pricing. Each batch reads the
        // charges of its id range once (an index range, or the table when the range is most of
        // it), so batches are large: a patient's charges lie all over the table, and 25 batches of
        // 2,000 read most of its pages 25 times. 50,000 patients' terms are a few megabytes.
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

    /// Statements for a batch of consecutive patients in id order (every patient between the
    /// first and the last), in that order. Swift decides each patient's terms once (the
    /// authoritative FPL's class in every schedule version, and the charity discount); PostgreSQL
    /// sums what the lines before the period leave due under those terms, and returns the
    /// period's lines unpriced, which Swift prices with `StatementLinePricing`.
    static func build(patients: [UUID], from: ServiceDate, to: ServiceDate, statementDate: ServiceDate, schedules: [SlidingFeeSchedule],
                      in tx: TenantTransaction) async throws -> [PatientStatement] {
        let records = try await PatientSlidingFeeTiers.fplRecords(patients: patients, in: tx)
        let charity = try await CharityIndicator.standings(patients: patients, on: statementDate, in: tx)
        let terms = StatementTerms(patients: patients, fpl: { AuthoritativeFPL.choose(from: records[$0] ?? [])?.fplPercentage },
                                   charityPercent: { charity[$0]?.discountPercent }, schedules: schedules)
        // Only self-pay charges can carry patient responsibility today (see StatementLinePricing).
        var earlier: [UUID: Int] = [:]
        var lines: [UUID: [PatientStatementLine]] = [:]
        for try await (patient, earlierDue, ids, days, codes, amounts) in try await tx.query(terms.charges(from: from, to: to))
            .decode((UUID, Int, [UUID], [Int], [String], [Int]).self) {
            earlier[patient] = earlierDue
            // By date, then charge id as PostgreSQL orders uuids (bytewise).
            let order = ids.indices.sorted { days[$0] != days[$1] ? days[$0] < days[$1] : ids[$0].precedesBytewise(ids[$1]) }
            lines[patient] = order.compactMap { line in
                terms.line(patient: patient, chargeID: ids[line], day: days[line], procedureCode: codes[line], chargeCents: amounts[line])
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

extension UUID {
    /// PostgreSQL's uuid order: byte by byte (the order of the hex text, without making it).
    fileprivate func precedesBytewise(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { a in withUnsafeBytes(of: other.uuid) { b in a.lexicographicallyPrecedes(b) } }
    }
}
