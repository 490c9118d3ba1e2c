public import Foundation
public import Platform

extension PatientAttendanceWeek {
    /// Minutes per day of the week (Monday first) across every site; a day split across sites is one day.
    public var dailyMinutes: [Int] {
        // Nearly every week is held at one site: its days are the week's, shared, not copied.
        if sites.count == 1, sites[0].minutesByWeekday.count == 7 { return sites[0].minutesByWeekday }
        var minutes = [Int](repeating: 0, count: 7)
        for site in sites {
            for (day, value) in site.minutesByWeekday.prefix(7).enumerated() { minutes[day] += value }
        }
        return minutes
    }

    /// The site whose jurisdiction profile judges the week: where the patient attended the most
    /// minutes (ties: the lowest site id, so the choice never depends on row order).
    public var governingSiteID: UUID? {
        if sites.count == 1 { return sites[0].siteID }
        var best: (site: UUID, minutes: Int)?
        for site in sites {
            let minutes = site.minutesByWeekday.reduce(0, +)
            guard let current = best else { best = (site.siteID, minutes); continue }
            if minutes > current.minutes || (minutes == current.minutes && site.siteID.uuidString < current.site.uuidString) {
                best = (site.siteID, minutes)
            }
        }
        return best?.site
    }
}
