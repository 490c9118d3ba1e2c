import Clinical
import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The group-session list and detail pages. Every action is a plain form; `app.js` upgrades the
/// attendance buttons to update the roster and the billing preview in place.
enum GroupSessionPages {
    static func list(home: HomeQuery, sessions: [GroupSessionSummary], filter: GroupSessionFilter, facilities: [Facility],
                     canCreate: Bool, patients: [(UUID, String)], error: String? = nil) -> String {
        Layout.page(title: "Group sessions", organization: home.organizationName, user: home.displayName, content: .div(
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .h1("Group sessions"),
                .form(.class("filters"), .action("/group-sessions"), .method(.get),
                    .div(.label(.for("from"), "From"), .input(.type(.date), .id("from"), .name("from"), .value(filter.from))),
                    .div(.label(.for("to"), "To"), .input(.type(.date), .id("to"), .name("to"), .value(filter.to))),
                    .div(.label(.for("facility_id"), "Facility"),
                         .select(.id("facility_id"), .attribute(named: "name", value: "facility_id"),
                                 option("all", "All facilities", selected: filter.facilityID == nil),
                                 .forEach(facilities) { facility in
                                     option(facility.id.uuidString, facility.name, selected: filter.facilityID == facility.id)
                                 })),
                    .div(.label(.for("group_type"), "Group type"), .input(.id("group_type"), .name("group_type"), .value(filter.groupType ?? ""),
                                                                         .placeholder("All"))),
                    .div(.label(.for("status"), "Status"),
                         .select(.id("status"), .attribute(named: "name", value: "status"),
                                 option("", "All", selected: filter.status == nil),
                                 option("open", "Open", selected: filter.status == "open"),
                                 option("finalized", "Finalized", selected: filter.status == "finalized"))),
                    .button(.type(.submit), .text("Show"))
                ),
                .if(sessions.isEmpty, .p(.text("No sessions match these filters."))),
                .table(.class("sessions"),
                    .thead(.tr(.th("When"), .th("Facility"), .th("Group type"), .th("Supervisor"), .th("Roster"), .th("Attendance"))),
                    .tbody(.forEach(sessions) { session in
                        .tr(
                            .td(.a(.href("/group-sessions/\(session.id.uuidString.lowercased())"),
                                   .text("\(session.sessionDate) \(session.startTime)–\(session.endTime)"))),
                            .td(.text(session.facilityName)),
                            .td(.text(session.groupType)),
                            .td(.text(session.supervisors.isEmpty ? "None assigned" : session.supervisors.joined(separator: ", "))),
                            .td(.text("\(session.rosterSize)")),
                            .td(.text(session.attendanceSummary), .if(session.documentationStatus == "finalized", .span(.class("badge"), .text(" finalized"))))
                        )
                    }))
            ),
            .if(canCreate, createForm(facilities: facilities, patients: patients, date: filter.from))
        )).render()
    }

    static func createForm(facilities: [Facility], patients: [(UUID, String)], date: String) -> Node<HTML.BodyContext> {
        .div(.class("card"),
            .h2("New ad-hoc session"),
            .form(.action("/group-sessions"), .method(.post),
                .label(.for("new-facility"), "Facility"),
                .select(.id("new-facility"), .attribute(named: "name", value: "facility_id"), .forEach(facilities) { option($0.id.uuidString, $0.name, selected: false) }),
                .label(.for("new-type"), "Group type"), .input(.id("new-type"), .name("group_type"), .required(true), .placeholder("process_group")),
                .label(.for("new-date"), "Date"), .input(.type(.date), .id("new-date"), .name("session_date"), .value(date), .required(true)),
                .label(.for("new-start"), "Starts"), .input(.type(.time), .id("new-start"), .name("start_time"), .required(true)),
                .label(.for("new-end"), "Ends"), .input(.type(.time), .id("new-end"), .name("end_time"), .required(true)),
                .fieldset(.element(named: "legend", nodes: [.text("Participants")]),
                    .forEach(patients) { patient in
                        .label(.class("check"), .input(.type(.checkbox), .name("patient_ids"), .value(patient.0.uuidString)), .text(" \(patient.1)"))
                    }),
                .button(.class("primary"), .type(.submit), .text("Create session"))
            )
        )
    }

    static func detail(home: HomeQuery, detail: GroupSessionDetail, canMark: Bool, canForce: Bool = false, canClaim: Bool = false,
                       charges: GroupSessionChargeRoutes.SessionCharges? = nil, message: String? = nil, unmarked: Int? = nil) -> String {
        let s = detail.summary
        let base = "/group-sessions/\(s.id.uuidString.lowercased())"
        return Layout.page(title: "Group session", organization: home.organizationName, user: home.displayName, content: .div(
            .attribute(named: "id", value: "session"), .attribute(named: "data-session", value: s.id.uuidString.lowercased()),
            .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(.class("card"),
                .p(.a(.href("/group-sessions"), .text("← All sessions")), .text(" · "),
                   .a(.href("\(base)/notes"), .text("Session notes: narrative and each participant's note"))),
                .h1(.text("\(s.groupType) · \(s.sessionDate)")),
                .p(.text("\(s.startTime)–\(s.endTime) (\(detail.durationMinutes) min) · \(s.facilityName), \(detail.facilityState)"),
                   .unwrap(detail.topic) { .text(" · \($0)") }),
                .p(.text(s.attendanceSummary),
                   .if(s.documentationStatus == "finalized", .span(.class("badge"), .text(" finalized: ready to bill"))),
                   .if(s.locked, .span(.class("badge"), .text(" locked: a claim was built"))))
            ),
            .div(.class("card"),
                .h2("Supervisors"),
                .if(detail.supervisors.isEmpty, .p(.text("No supervisor is assigned to these participants. Add a SUPERVISING assignment, then reload."))),
                rows(detail.supervisors, base: base, canMark: canMark && !s.locked, canForce: canForce && s.locked)
            ),
            .div(.class("card"),
                .h2("Roster"),
                rows(detail.roster, base: base, canMark: canMark && !s.locked, canForce: canForce && s.locked)
            ),
            preview(detail),
            .unwrap(charges) { GroupSessionChargeCard.render($0, roster: detail.roster, sessionID: s.id, canClaim: canClaim && !s.locked) },
            .if(canMark && !s.locked, .div(.class("card"),
                .h2("Finalize"),
                .unwrap(unmarked) { count in
                    .p(.class("warning"), .text("\(count) row\(count == 1 ? " is" : "s are") still SCHEDULED. Mark each no-show ABSENT, then finalize."))
                },
                .form(.action("\(base)/finalize"), .method(.post),
                      .button(.class("primary"), .type(.submit), .text("Finalize session")))
            ))
        )).render()
    }

    static func rows(_ rows: [AttendanceRow], base: String, canMark: Bool, canForce: Bool) -> Node<HTML.BodyContext> {
        .table(.class("roster"),
            .tbody(.forEach(rows) { row in
                .tr(.attribute(named: "id", value: "row-\(row.id.uuidString.lowercased())"),
                    .td(.text(row.displayName)),
                    .td(.span(.class("status status-\(row.status.rawValue.lowercased())"), .text(row.status.rawValue))),
                    .td(.class("actions"), .if(canMark, .forEach(row.legalNextStates) { next in
                        .form(.class("mark"), .action("\(base)/rows/\(row.id.uuidString.lowercased())"), .method(.post),
                              .input(.type(.hidden), .name("status"), .value(next.rawValue)),
                              .input(.type(.hidden), .name("row_version"), .value("\(row.rowVersion)")),
                              .button(.type(.submit), .text(next.rawValue)))
                    }), .if(canForce, forceMenu(row, base: base)))
                )
            }))
    }

    /// The row menu's "Force update" on a locked session, for holders of the force scope: the
    /// confirmation states the consequence and the reason is required.
    static func forceMenu(_ row: AttendanceRow, base: String) -> Node<HTML.BodyContext> {
        let id = row.id.uuidString.lowercased()
        return .element(named: "details", nodes: [.class("row-menu"),
            .element(named: "summary", nodes: [.text("Force update")]),
            .form(.class("force"), .action("\(base)/rows/\(id)/force"), .method(.post),
                .p(.class("warning"), .text("This session is billed. Forcing a change voids this member's charges from the session, rebuilds them, and marks the claim for void/replace; the change and your reason are audit-logged.")),
                .input(.type(.hidden), .name("row_version"), .value("\(row.rowVersion)")),
                .label(.for("force-status-\(id)"), "New status"),
                .select(.id("force-status-\(id)"), .attribute(named: "name", value: "status"),
                        .forEach(row.legalNextStates) { option($0.rawValue, $0.rawValue, selected: false) }),
                .label(.for("force-reason-\(id)"), "Reason (required)"),
                .textarea(.id("force-reason-\(id)"), .name("reason"), .required(true), .attribute(named: "maxlength", value: "500")),
                .button(.class("danger"), .type(.submit), .text("Force update")))
        ])
    }

    static func preview(_ detail: GroupSessionDetail) -> Node<HTML.BodyContext> {
        let p = detail.preview
        return .div(.class("card"), .attribute(named: "id", value: "billing-preview"),
            .h2("Billing preview"),
            .p(.text("Billable participants: "), .strong(.text("\(p.billableCount)")),
               .text(" · present supervisors: \(p.presentSupervisors)")),
            .unwrap(p.payer, { payer in .p(.text("Payer: \(payer.payerName) (\(detail.facilityState) rules)")) },
                    else: .p(.class("warning"), .text("No participant has active primary coverage: the payer's supervision and group-size rules were not checked."))),
            .unwrap(p.band?.band) { band in
                .p(.text("Band \(band.minParticipants)–\(band.maxParticipants) at \(money(band.unitRateCents)) per unit"))
            },
            .p(.text(p.expectedUnits.units.map { "Expected units per member: \($0) under \(detail.programLabel) rules" }
                     ?? "Not billable: \(notBillableText(p.expectedUnits))")),
            .if(p.warnings.isEmpty, .p(.class("notice"), .text("No group-billing warnings."))),
            .ul(.class("warnings"), .forEach(p.warnings) { warning in
                .li(.class("warning"), .attribute(named: "data-code", value: warning.code.rawValue),
                    .strong(.text(warning.code.rawValue)), .text(": \(warning.message)"))
            })
        )
    }

    static func notBillableText(_ units: TimedUnitResult) -> String {
        if case .notBillable(let reason) = units { return reason.description }
        return ""
    }

    /// `<option value>label</option>`, with `value` written even when empty (the "any" choice).
    static func option(_ value: String, _ label: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                                          selected ? .attribute(named: "selected", value: "selected") : .empty, .text(label)])
    }

    static func money(_ cents: Int) -> String { String(format: "$%d.%02d", cents / 100, cents % 100) }
}
