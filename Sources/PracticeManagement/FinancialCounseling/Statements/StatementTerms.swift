import Foundation
import PostgresNIO
import Platform

/// What a batch of statements prices its charges with, decided in Swift once per patient: the
/// authoritative FPL's class in each sliding-fee schedule version (`SlidingFeeSchedule.tier(for:)`)
/// and the charity discount in force. The period's lines are priced in Swift with
/// `StatementLinePricing`; the lines before the period only add up to the balance carried in, so
/// PostgreSQL prices and sums those with `pm_fee_adjustment_cents` from the same terms, handed to
/// it as arrays, and returns one number per patient instead of the lines.
struct StatementTerms {
    /// The batch: consecutive patients in id order, so a charge is the batch's when its patient id
    /// lies between the first and the last (one index range or one pass over the charges).
    let first: UUID
    let last: UUID
    /// Schedule versions by effective date (and as day numbers), and each patient's class in each
    /// (nil where the FPL falls in none); patients without an FPL are absent.
    private let versions: [SlidingFeeSchedule]
    private let versionDays: [Int]
    private let classes: [UUID: [SlidingFeeClass?]]
    /// The charity percent in force, for the patients that have one.
    private let charity: [UUID: Int]

    init(patients: [UUID], fpl: (UUID) -> FPLPercentage?, charityPercent: (UUID) -> Int?, schedules: [SlidingFeeSchedule]) {
        first = patients.first ?? UUID.random()
        last = patients.last ?? first
        let versions = schedules.sorted { $0.effectiveFrom < $1.effectiveFrom }
        self.versions = versions
        versionDays = versions.map(\.effectiveFrom.dayNumber)
        var classes: [UUID: [SlidingFeeClass?]] = [:], charity: [UUID: Int] = [:]
        for patient in patients {
            if let fpl = fpl(patient) { classes[patient] = versions.map { $0.tier(for: fpl) } }
            if let percent = charityPercent(patient) { charity[patient] = percent }
        }
        (self.classes, self.charity) = (classes, charity)
    }

    /// The patient's class on `day` (days since 1970): the one of the version in effect that day.
    func slidingFeeClass(patient: UUID, day: Int) -> SlidingFeeClass? {
        guard let classes = classes[patient], let version = versionDays.lastIndex(where: { $0 <= day }) else { return nil }
        return classes[version]
    }

    /// One of the period's self-pay charges as a statement line, priced by the rule itself.
    func line(patient: UUID, chargeID: UUID, day: Int, procedureCode: String, chargeCents: Int) -> PatientStatementLine? {
        guard let serviceDate = ServiceDate(dayNumber: day) else { return nil }
        let tier = slidingFeeClass(patient: patient, day: day)
        return PatientStatementLine(chargeID: chargeID, serviceDate: serviceDate, procedureCode: procedureCode, chargeCents: chargeCents,
                                    pricing: StatementLinePricing(chargeCents: chargeCents, billedToPayer: false, slidingFee: tier?.charge,
                                                                  charityDiscountPercent: charity[patient]),
                                    slidingFeeClass: tier?.label)
    }

    /// The batch's self-pay charges through `to`, one row per patient with any: what the lines
    /// before `from` leave due, then the period's lines as parallel arrays (charge id, day number,
    /// procedure code, amount), unordered. A row per patient and only four arrays: a run decodes
    /// 50,000 rows, not a million, and no pricing columns.
    func charges(from: ServiceDate, to: ServiceDate) -> PostgresQuery {
        var charityPatients: [UUID] = [], charityPercents: [Int] = []
        for (patient, percent) in charity where percent != 0 {
            charityPatients.append(patient)
            charityPercents.append(percent)
        }
        // -1 where the class is a nominal fee, not a discount (and the other way round).
        var tierPatients: [UUID] = [], tierFrom: [String] = [], tierUntil: [String] = [], discounts: [Int] = [], fees: [Int] = []
        for (patient, perVersion) in classes {
            for (index, tier) in perVersion.enumerated() {
                guard let tier else { continue }
                tierPatients.append(patient)
                tierFrom.append(versions[index].effectiveFrom.description)
                tierUntil.append(index + 1 < versions.count ? versions[index + 1].effectiveFrom.description : "9999-12-31")
                let (discount, fee) = switch tier.charge {
                case .discountPercent(let percent): (percent, -1)
                case .nominalFee(let cents): (-1, cents)
                }
                discounts.append(discount)
                fees.append(fee)
            }
        }
        // The lines before the period are priced and summed; the period's lines need no terms in
        // SQL, so they are grouped apart from the priced ones (sorting a million priced rows for
        // one grouping cost a fifth more). The OFFSET 0 fences keep each pm_fee_adjustment_cents
        // call's arguments plain columns, so the planner inlines it; with an expression argument
        // it would call the SQL function per line, which tripled the query's time.
        return """
            WITH charity AS (
              SELECT * FROM unnest(\(charityPatients)::uuid[], \(charityPercents)::int[]) AS t(patient_id, charity_percent)
            ), tiers AS (
              SELECT * FROM unnest(\(tierPatients)::uuid[], \(tierFrom)::date[], \(tierUntil)::date[], \(discounts)::int[], \(fees)::bigint[])
                AS t(patient_id, effective_from, effective_until, discount_percent, nominal_fee_cents)
            ), earlier_lines AS (
              SELECT c.patient_id, greatest(coalesce(c.amount_cents, 0), 0)::bigint AS responsibility, ch.charity_percent,
                     nullif(t.discount_percent, -1) AS discount_percent, nullif(t.nominal_fee_cents, -1) AS nominal_fee_cents
              FROM pm_charges c
              LEFT JOIN charity ch ON ch.patient_id = c.patient_id
              LEFT JOIN tiers t ON t.patient_id = c.patient_id AND c.service_date >= t.effective_from AND c.service_date < t.effective_until
              WHERE c.patient_id BETWEEN \(first) AND \(last) AND c.status = 'active' AND c.payer_id IS NULL AND c.service_date < \(from.description)::date
              OFFSET 0
            ), slid AS (
              SELECT *, pm_fee_adjustment_cents(responsibility, discount_percent, nominal_fee_cents) AS sliding FROM earlier_lines OFFSET 0
            ), earlier AS (
              SELECT patient_id, sum(responsibility - sliding - pm_fee_adjustment_cents(responsibility - sliding, charity_percent, NULL))::bigint AS due
              FROM slid GROUP BY patient_id
            ), period AS (
              SELECT patient_id, array_agg(id) AS ids, array_agg((service_date - DATE '1970-01-01')::bigint) AS days,
                     array_agg(procedure_code) AS codes, array_agg(coalesce(amount_cents, 0)::bigint) AS amounts
              FROM pm_charges
              WHERE patient_id BETWEEN \(first) AND \(last) AND status = 'active' AND payer_id IS NULL
                AND service_date BETWEEN \(from.description)::date AND \(to.description)::date
              GROUP BY patient_id
            )
            SELECT patient_id, coalesce(e.due, 0), coalesce(p.ids, '{}'), coalesce(p.days, '{}'), coalesce(p.codes, '{}'), coalesce(p.amounts, '{}')
            FROM earlier e FULL JOIN period p USING (patient_id)
            """
    }
}
