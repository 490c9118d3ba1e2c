/// Units for one timed service, per the per-service "substantial portion" rule.
///
/// The rule: minutes below the minimum are not billable. Reaching the minimum earns the first unit,
/// which covers the first `unitMinutes`; every further block that reaches the minimum beyond the
/// full units already counted earns one more. In closed form, for `minutes >= minimum`:
///
///     units = 1 + (minutes - minimum) / unitMinutes      (integer division)
///
/// For the AHCCCS 8/15 rules this gives 8–22 → 1, 23–37 → 2, 38–52 → 3, 53–67 → 4: the n-th unit
/// starts at `minimum + (n - 1) × unitMinutes`, i.e. at `(n - 1)` full units plus a substantial
/// portion of `minimum` minutes. For 10/15: 10–24 → 1, 25–39 → 2; for 16/30: 16–45 → 1, 46–75 → 2.
/// Validation keeps `minimum <= unitMinutes`; the formula stays well-defined either way.
///
/// Zero or negative minutes are not billable, and a non-positive minimum or unit length is reported
/// as unusable rules rather than dividing by zero. Pure integer arithmetic: no allocation.
public func computeTimedUnits(minutes: Int, minimumBillableMinutes: Int, unitMinutes: Int) -> TimedUnitResult {
    guard minimumBillableMinutes > 0, unitMinutes > 0 else {
        return .notBillable(reason: .invalidRules(minimumBillableMinutes: minimumBillableMinutes, unitMinutes: unitMinutes))
    }
    guard minutes > 0 else {
        return .notBillable(reason: .noTimeRecorded(minutes: minutes))
    }
    guard minutes >= minimumBillableMinutes else {
        return .notBillable(reason: .belowMinimum(minutes: minutes, minimum: minimumBillableMinutes))
    }
    return .billable(units: 1 + (minutes - minimumBillableMinutes) / unitMinutes)
}
