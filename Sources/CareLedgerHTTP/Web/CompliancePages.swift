import Foundation
import PageMarkup
import Platform

/// The IOP/PHP compliance page: a week (or range) picker, the per-patient weekly table and a
/// link to the same report as CSV.
enum CompliancePages {
    static func report(home: HomeQuery, report: ComplianceReportView?, week: String, facilities: [Facility], facilityID: UUID?,
                       error: String? = nil) -> String {
        Layout.page(title: "IOP/PHP compliance", organization: home.organizationName, user: home.displayName, content: .div(
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .h1("IOP/PHP weekly compliance"),
                .form(.class("filters"), .action("/compliance/iop-php"), .method(.get),
                    .div(.label(.for("week"), "Week containing"), .input(.type(.date), .id("week"), .name("week"), .value(week))),
                    .div(.label(.for("facility_id"), "Facility"),
                         .select(.id("facility_id"), .attribute(named: "name", value: "facility_id"),
                                 GroupSessionPages.option("", "All facilities", selected: facilityID == nil),
                                 .forEach(facilities) { facility in
                                     GroupSessionPages.option(facility.id.uuidString.lowercased(), facility.name, selected: facilityID == facility.id)
                                 })),
                    .button(.type(.submit), .text("Show"))
                ),
                .unwrap(report) { report in
                    .div(
                        .p(.text("Weeks \(report.from) to \(report.to). Each week is judged against both levels with the thresholds of the site where the patient attended most; "),
                           .a(.href(csvLink(report)), .text("download as CSV"))),
                        .if(report.rows.isEmpty, .p(.text("No patient was on a group roster in this period."))),
                        .table(.class("compliance"),
                            .thead(.tr(.th("Patient"), .th("Week of"), .th("Days"), .th("Hours"), .th("IOP"), .th("PHP"), .th("Level met"))),
                            .tbody(.forEach(report.rows) { row in
                                .tr(
                                    .td(.text(row.patientName)),
                                    .td(.text(row.weekStart)),
                                    .td(.text("\(row.daysAttended)")),
                                    .td(.text(ComplianceCSV.number(row.hoursAttended))),
                                    .td(level(row.iop)),
                                    .td(level(row.php)),
                                    .td(.text(row.levelMet ?? "None"), .small(.text(row.programLabel)))
                                )
                            }))
                    )
                }
            )
        )).render()
    }

    /// "Met", or what is missing: hours and qualifying days, with the minimums beside them.
    static func level(_ level: ComplianceReportView.Level) -> Node<HTML.BodyContext> {
        let minimums = "≥ \(ComplianceCSV.number(level.minHoursPerWeek)) h/wk, ≥ \(level.minDaysPerWeek) days of ≥ \(ComplianceCSV.number(level.minHoursPerDay)) h"
        let shortfall = [level.hoursShortfall > 0 ? "\(ComplianceCSV.number(level.hoursShortfall)) h short" : nil,
                         level.daysShortfall > 0 ? "\(level.daysShortfall) day\(level.daysShortfall == 1 ? "" : "s") short" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        return .group(
            .span(.class(level.met ? "status status-attended" : "status status-absent"), .text(level.met ? "Met" : "Not met")),
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
