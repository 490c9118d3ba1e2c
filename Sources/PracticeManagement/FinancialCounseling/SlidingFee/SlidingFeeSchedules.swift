public import Foundation
import PostgresNIO
public import Platform

/// The organization's stored sliding-fee schedule versions.
public enum SlidingFeeSchedules {
    /// Saves a new version. It must pass the HRSA shape and take effect today or later on the
    /// organization's calendar, so no day already priced changes; only an organization's first
    /// version may start earlier, as there is no earlier version for it to rewrite.
    @discardableResult
    public static func save(_ schedule: SlidingFeeSchedule, by principal: Principal?, now: Date = Date(), in tx: TenantTransaction) async throws -> UUID {
        try schedule.validate()
        // One writer at a time per organization, so "first version" and "today or later" hold.
        try await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('pm_sliding_fee_schedules:' || \(tx.organizationID.uuidString), 0))")
        let today = ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx), now: now)
        let hasVersions = try await !tx.rows("SELECT 1 FROM pm_sliding_fee_schedules LIMIT 1").isEmpty
        if hasVersions && schedule.effectiveFrom < today {
            throw DomainError.invalid("effective_from", "A new schedule version takes effect today (\(today)) or later; the past keeps the version it was priced by.",
                                      code: "SCHEDULE_REWRITES_PAST")
        }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO pm_sliding_fee_schedules (organization_id, id, effective_from, created_by)
            VALUES (\(tx.organizationID), \(id), \(schedule.effectiveFrom.description)::date, \(principal?.userID))
            """)
        for (position, item) in schedule.classes.sorted(by: { $0.minFPL < $1.minFPL }).enumerated() {
            var percent: Int?, fee: Int?
            switch item.charge {
            case .discountPercent(let value): percent = value
            case .nominalFee(let cents): fee = cents
            }
            try await tx.query("""
                INSERT INTO pm_sliding_fee_classes (organization_id, schedule_id, position, label, min_fpl, max_fpl, discount_percent, nominal_fee_cents)
                VALUES (\(tx.organizationID), \(id), \(position), \(item.label.trimmingCharacters(in: .whitespaces)),
                        \(item.minFPL.description)::numeric, \(item.maxFPL.description)::numeric, \(percent), \(fee))
                """)
        }
        try await AuditLog.record(AuditEntry(action: "sliding-fee-schedule.saved", entityType: "sliding_fee_schedule", entityID: id.uuidString,
                                             details: ["effective_from": schedule.effectiveFrom.description, "classes": String(schedule.classes.count)]),
                                  by: principal, in: tx)
        return id
    }

    /// Every version, oldest first.
    public static func versions(in tx: TenantTransaction) async throws -> [SlidingFeeSchedule] {
        var byDate: [(ServiceDate, [SlidingFeeClass])] = []
        for try await (effective, label, minimum, maximum, percent, fee) in try await tx.query("""
            SELECT to_char(s.effective_from, 'YYYY-MM-DD'), c.label, (c.min_fpl * 100)::int, (c.max_fpl * 100)::int, c.discount_percent, c.nominal_fee_cents
            FROM pm_sliding_fee_schedules s
            JOIN pm_sliding_fee_classes c ON c.organization_id = s.organization_id AND c.schedule_id = s.id
            ORDER BY s.effective_from, c.position
            """).decode((String, String, Int, Int, Int?, Int?).self) {
            guard let date = ServiceDate(effective) else { continue }
            let charge: SlidingFeeCharge = if let percent { .discountPercent(percent) } else { .nominalFee(cents: fee ?? 0) }
            let item = SlidingFeeClass(label: label, minFPL: FPLPercentage(hundredths: minimum), maxFPL: FPLPercentage(hundredths: maximum), charge: charge)
            if byDate.last?.0 == date { byDate[byDate.count - 1].1.append(item) } else { byDate.append((date, [item])) }
        }
        return byDate.map { SlidingFeeSchedule(effectiveFrom: $0.0, classes: $0.1) }
    }

    /// The version in effect on `date`, or nil when the organization has none yet.
    public static func inEffect(on date: ServiceDate, in tx: TenantTransaction) async throws -> SlidingFeeSchedule? {
        SlidingFeeSchedule.inEffect(on: date, among: try await versions(in: tx))
    }
}
