import Foundation
import PostgresNIO
import Platform

/// What a batch of statements prices its charges with, decided in Swift once per patient (the
/// authoritative FPL's class in each sliding-fee schedule version through
/// `SlidingFeeSchedule.tier(for:)`, and the charity discount in force) and handed to PostgreSQL
/// as arrays, so the charges are priced set-based by `pm_fee_adjustment_cents`.
struct StatementTerms {
    let patients: [UUID]
    /// Per patient, the charity percent in force; 0 for none.
    let charityPercents: [Int]
    /// Schedule versions as day ranges: each from its effective date until the next one's.
    let versionFrom: [String]
    let versionUntil: [String]
    /// One row per patient and version where the patient's FPL falls in a class.
    let tierPatients: [UUID]
    let tierFrom: [String]
    /// -1 where the class is a nominal fee, not a discount (and the other way round).
    let tierDiscounts: [Int]
    let tierNominalFees: [Int]
    let tierLabels: [String]

    init(patients: [UUID], fpl: (UUID) -> FPLPercentage?, charityPercent: (UUID) -> Int?, schedules: [SlidingFeeSchedule]) {
        self.patients = patients
        charityPercents = patients.map { charityPercent($0) ?? 0 }
        let versions = schedules.sorted { $0.effectiveFrom < $1.effectiveFrom }
        versionFrom = versions.map(\.effectiveFrom.description)
        versionUntil = versions.indices.map { $0 + 1 < versions.count ? versions[$0 + 1].effectiveFrom.description : "9999-12-31" }
        var tierPatients: [UUID] = [], tierFrom: [String] = [], discounts: [Int] = [], fees: [Int] = [], labels: [String] = []
        for patient in patients {
            guard let fpl = fpl(patient) else { continue }
            for version in versions {
                guard let tier = version.tier(for: fpl) else { continue }
                tierPatients.append(patient)
                tierFrom.append(version.effectiveFrom.description)
                labels.append(tier.label)
                switch tier.charge {
                case .discountPercent(let percent): (discounts, fees) = (discounts + [percent], fees + [-1])
                case .nominalFee(let cents): (discounts, fees) = (discounts + [-1], fees + [cents])
                }
            }
        }
        (self.tierPatients, self.tierFrom, tierDiscounts, tierNominalFees, tierLabels) = (tierPatients, tierFrom, discounts, fees, labels)
    }

    /// The batch's self-pay charges through `to`, one row per patient: what the lines before
    /// `from` leave due, then the period's lines as parallel arrays (id, day number, code, amount,
    /// responsibility, sliding-fee and charity adjustments, class label or ""), by date and id.
    /// A row per patient rather than per line: a run reads 50,000 rows, not a million.
    func pricedCharges(from: ServiceDate, to: ServiceDate) -> PostgresQuery {
        """
        WITH patient_terms AS (
          SELECT * FROM unnest(\(patients)::uuid[], \(charityPercents)::int[]) AS t(patient_id, charity_percent)
        ), versions AS (
          SELECT * FROM unnest(\(versionFrom)::date[], \(versionUntil)::date[]) AS v(effective_from, effective_until)
        ), tiers AS (
          SELECT * FROM unnest(\(tierPatients)::uuid[], \(tierFrom)::date[], \(tierDiscounts)::int[], \(tierNominalFees)::bigint[], \(tierLabels)::text[])
            AS t(patient_id, effective_from, discount_percent, nominal_fee_cents, class_label)
        ), charges AS (
          SELECT c.patient_id, c.id, c.service_date, c.procedure_code, coalesce(c.amount_cents, 0)::bigint AS amount,
                 greatest(coalesce(c.amount_cents, 0), 0)::bigint AS responsibility, nullif(pt.charity_percent, 0) AS charity_percent,
                 nullif(t.discount_percent, -1) AS discount_percent, nullif(t.nominal_fee_cents, -1) AS nominal_fee_cents, t.class_label
          FROM pm_charges c
          JOIN patient_terms pt ON pt.patient_id = c.patient_id
          LEFT JOIN versions v ON c.service_date >= v.effective_from AND c.service_date < v.effective_until
          LEFT JOIN tiers t ON t.patient_id = c.patient_id AND t.effective_from = v.effective_from
          WHERE c.patient_id = ANY(\(patients)::uuid[]) AND c.status = 'active' AND c.payer_id IS NULL AND c.service_date <= \(to.description)::date
        ), slid AS (
          SELECT *, pm_fee_adjustment_cents(responsibility, discount_percent, nominal_fee_cents) AS sliding FROM charges
        ), priced AS (
          SELECT *, pm_fee_adjustment_cents(responsibility - sliding, charity_percent, NULL) AS charity FROM slid
        )
        SELECT patient_id,
               coalesce(sum(responsibility - sliding - charity) FILTER (WHERE service_date < \(from.description)::date), 0)::bigint,
               coalesce(array_agg(id) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg((service_date - DATE '1970-01-01')::bigint)
                        FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(procedure_code) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(amount) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(responsibility) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(sliding) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(charity) FILTER (WHERE service_date >= \(from.description)::date), '{}'),
               coalesce(array_agg(coalesce(class_label, '')) FILTER (WHERE service_date >= \(from.description)::date), '{}')
        FROM priced GROUP BY patient_id
        """
    }
}
