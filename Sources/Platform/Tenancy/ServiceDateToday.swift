public import Foundation

extension ServiceDate {
    /// Today's date on the wall calendar of `zone` (a facility's "today").
    public static func today(in zone: TimeZone, now: Date = Date()) -> ServiceDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // The calendar always yields a real date.
        return ServiceDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? ServiceDate(year: 1970, month: 1, day: 1)!
    }
}
