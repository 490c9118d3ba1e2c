import Foundation
import PageMarkup
import Platform

/// The IOP/PHP compliance page: a week and the program level to judge against, the per-patient
/// weekly table with what is short, what "not met" means, and the same report as CSV.
enum CompliancePages {
    /// The program level the table judges each week against.
    enum Level: String, CaseIterable {
        case iop, php, both

        var label: String {
            switch self {
            case .iop: "IOP"
            case .php: "PHP"
            case .both: "IOP and PHP"
            }
        }
    }

    static func report(home: HomeQuery, principal: Principal, report: ComplianceReportView?, week: String, level: Level,
                       facilities: [Facility], facilityID: UUID?, outcome: Outcome? = nil) -> String {
        Layout.page(title: "IOP/PHP compliance", home: home, principal: principal, section: .compliance, outcome: outcome, content: .div(
            PageHeader.render("IOP/PHP weekly compliance",
                              subtitle: "Whether each patient's group attendance in a week reached the program level's minimums."),
            .section(.class("card"),
                .form(.class("filters"), .action("/compliance/iop-php"), .method(.get),
                    .div(.label(.for("week"), "Week containing"), .input(.type(.date), .id("week"), .name("week"), .value(week))),
                    .div(.label(.for("facility_id"), "Facility"),
                         .select(.id("facility_id"), .attribute(named: "name", value: "facility_id"),
                                 GroupSessionPages.option("", "All facilities", selected: facilityID == nil),
                                 .forEach(facilities) { facility in
                                     GroupSessionPages.option(facility.id.uuidString.lowercased(), facility.name, selected: facilityID == facility.id)
                                 })),
                    .div(.label(.for("level"), "Judge against"),
                         .select(.id("level"), .attribute(named: "name", value: "level"),
                                 .forEach(Level.allCases) { GroupSessionPages.option($0.rawValue, $0.label, selected: $0 == level) })),
                    .button(.type(.submit), .text("Show"))
                ),
                .unwrap(report) { report in
                    .div(
                        .p(.text("Week of \(PlainWords.date(report.from)) to \(PlainWords.date(report.to)). "),
                           .a(.href(csvLink(report)), .text("Download as CSV"))),
                        .if(report.rows.isEmpty, .p(.text("No patient was on a group roster in this week."))),
                        .if(!report.rows.isEmpty, table(report, level: level))
                    )
                }
            ),
            .section(.class("card"), .id("not-met"),
                .h2("What “not met” means"),
                .p(.text("A week is met when the patient attended at least the program level's hours for the week, on at least its number of days with enough hours each day. The minimums come from the billing rules of the site where the patient attended most, and are shown under each result.")),
                .p(.text("Not met means the week fell short of those minimums; the result says by how many hours and days. It flags the week for the care team and the program's documentation. It does not undo the group sessions' charges."))
            )
        )).render()
    }

    static func table(_ report: ComplianceReportView, level: Level) -> Node<HTML.BodyContext> {
        var columns: [DataTable.Column] = [.init(label: "Patient"), .init(label: "Week of"), .init(label: "Days", numeric: true),
                                           .init(label: "Hours", numeric: true)]
        if level != .php { columns.append(.init(label: "IOP")) }
        if level != .iop { columns.append(.init(label: "PHP")) }
        return DataTable.render(class: "compliance", columns: columns, rows: report.rows.map { row in
            var cells: [Node<HTML.BodyContext>] = [
                .group(.text(row.patientName), .small(.text(row.programLabel))),
                .text(PlainWords.date(row.weekStart)),
                .text("\(row.daysAttended)"),
                .text(ComplianceCSV.number(row.hoursAttended)),
            ]
            if level != .php { cells.append(result(row.iop)) }
            if level != .iop { cells.append(result(row.php)) }
            return DataTable.Row(cells: cells)
        })
    }

    /// "Met", or "Not met" with what is missing; the minimums beside it.
    static func result(_ level: ComplianceReportView.Level) -> Node<HTML.BodyContext> {
        let minimums = "Needs \(ComplianceCSV.number(level.minHoursPerWeek)) h in \(level.minDaysPerWeek) days of \(ComplianceCSV.number(level.minHoursPerDay)) h"
        let shortfall = [level.hoursShortfall > 0 ? "\(ComplianceCSV.number(level.hoursShortfall)) h short" : nil,
                         level.daysShortfall > 0 ? "\(level.daysShortfall) day\(level.daysShortfall == 1 ? "" : "s") short" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        return .group(
            .span(.class(level.met ? "status status-met" : "status status-not-met"), .text(level.met ? "Met" : "Not met")),
            .small(.text(level.met ? "\(level.daysMeetingDayMinimum) qualifying days" : shortfall)),
            .small(.text(minimums))
        )
    }

    static func csvLink(_ report: ComplianceReportView) -> String {
        var link = "/api/v1/compliance/iop-php?format=csv&from=\(report.from)&to=\(report.to)"
        if let facility = report.facilityID { link += "&facility_id=\(facility.uuidString.lowercased())" }
        if let patient = report.patientID { link += "&patient_id=\(patient.uuidString.lowercased())" }
        return link
    }
}
