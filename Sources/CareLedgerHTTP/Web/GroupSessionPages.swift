import Clinical
import Foundation
import PageMarkup
import Platform
import PracticeManagement

/// The group-session list and detail pages. Every action is a plain form; `app.js` upgrades the
/// attendance buttons to update the roster and the billing preview in place.
enum GroupSessionPages {
    static func list(home: HomeQuery, principal: Principal, sessions: [GroupSessionSummary], filter: GroupSessionFilter,
                     facilities: [Facility], patients: [(UUID, String)], outcome: Outcome? = nil) -> String {
        let canCreate = principal.has(.groupSessionManage)
        return Layout.page(title: "Group sessions", home: home, principal: principal, section: .groupSessions, outcome: outcome, content: .div(
            PageHeader.render("Group sessions", subtitle: "Take attendance, see whether each session will bill cleanly, and finalize it."),
            .section(.class("card"),
                .form(.class("filters"), .action("/group-sessions"), .method(.get),
                    .div(.label(.for("from"), "From"), .input(.type(.date), .id("from"), .name("from"), .value(filter.from.description))),
                    .div(.label(.for("to"), "To"), .input(.type(.date), .id("to"), .name("to"), .value(filter.to.description))),
                    .div(.label(.for("facility_id"), "Facility"),
                         .select(.id("facility_id"), .attribute(named: "name", value: "facility_id"),
                                 option("all", "All facilities", selected: filter.facilityID == nil),
                                 .forEach(facilities) { facility in
                                     option(facility.id.uuidString, facility.name, selected: filter.facilityID == facility.id)
                                 })),
                    .div(.label(.for("group_type"), "Group type"),
                         .select(.id("group_type"), .attribute(named: "name", value: "group_type"),
                                 option("", "All group types", selected: filter.groupType == nil),
                                 .forEach(groupTypeChoices(including: filter.groupType)) { code in
                                     option(code, PlainWords.groupType(code), selected: filter.groupType == code)
                                 })),
                    .div(.label(.for("status"), "Status"),
                         .select(.id("status"), .attribute(named: "name", value: "status"),
                                 option("", "All", selected: filter.status == nil),
                                 option("open", "Open", selected: filter.status == "open"),
                                 option("finalized", "Finalized", selected: filter.status == "finalized"))),
                    .button(.type(.submit), .text("Show"))
                ),
                .if(sessions.isEmpty, .p(.text("No sessions match these filters."))),
                .if(!sessions.isEmpty, DataTable.render(class: "sessions", columns: [
                    .init(label: "When"), .init(label: "Facility"), .init(label: "Group"), .init(label: "Supervisor"),
                    .init(label: "Roster", numeric: true), .init(label: "Attendance"),
                ], rows: sessions.map { session in
                    DataTable.Row(cells: [
                        .a(.href("/group-sessions/\(session.id.uuidString.lowercased())"),
                           .text("\(PlainWords.date(session.sessionDate)) \(session.startTime)–\(session.endTime)")),
                        .text(session.facilityName),
                        .text(PlainWords.groupType(session.groupType)),
                        .text(session.supervisors.isEmpty ? "None assigned" : session.supervisors.joined(separator: ", ")),
                        .text("\(session.rosterSize)"),
                        .group(.text(session.attendanceSummary), .text(" "), stateBadge(session)),
                    ])
                }))
            ),
            .if(canCreate, createForm(facilities: facilities, patients: patients, date: filter.from.description))
        )).render()
    }

    /// The known group types, plus the one filtered on if it is not among them.
    static func groupTypeChoices(including current: String?) -> [String] {
        let known = PlainWords.groupTypes.keys.sorted()
        guard let current, !known.contains(current) else { return known }
        return known + [current]
    }

    static func stateBadge(_ session: GroupSessionSummary) -> Node<HTML.BodyContext> {
        if session.locked { return .span(.class("badge"), .text("Billed")) }
        if session.documentationStatus == "finalized" { return .span(.class("badge"), .text("Finalized")) }
        return .empty
    }

    static func createForm(facilities: [Facility], patients: [(UUID, String)], date: String) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h2("New ad-hoc session"),
            PageForm.post("/group-sessions",
                .label(.for("new-facility"), "Facility"),
                .select(.id("new-facility"), .attribute(named: "name", value: "facility_id"), .forEach(facilities) { option($0.id.uuidString, $0.name, selected: false) }),
                .label(.for("new-type"), "Group type"),
                .select(.id("new-type"), .attribute(named: "name", value: "group_type"),
                        .forEach(PlainWords.groupTypes.keys.sorted()) { option($0, PlainWords.groupType($0), selected: $0 == "process_group") }),
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

    /// The session page: header, the sticky billing summary beside (tablet: above) the roster,
    /// the preview's detail, the charges and the close-of-session actions.
    static func detail(home: HomeQuery, principal: Principal, detail: GroupSessionDetail, charges: GroupSessionChargeRoutes.SessionCharges?,
                       identities: [UUID: Patient], outcome: Outcome? = nil, chargeHistory: Bool = false) -> String {
        let s = detail.summary
        let base = "/group-sessions/\(s.id.uuidString.lowercased())"
        let canMark = principal.has(.attendanceWrite) && !s.locked
        let canForce = principal.has(.attendanceWriteForce) && s.locked
        let finalized = s.documentationStatus == "finalized"
        let title = "\(PlainWords.groupType(s.groupType)) · \(PlainWords.date(s.sessionDate))"
        return Layout.page(title: title, home: home, principal: principal, section: .groupSessions, outcome: outcome, content: .div(
            .id("session"), .attribute(named: "data-session", value: s.id.uuidString.lowercased()),
            .attribute(named: "data-finalized", value: finalized && !s.locked ? "true" : "false"),
            .div(.id("live-outcome")),
            PageHeader.render(title,
                              subtitle: "\(s.startTime)–\(s.endTime) (\(s.durationMinutes) min) · \(s.facilityName), \(detail.facilityState)"
                                  + (detail.topic.map { " · \($0)" } ?? ""),
                              back: .init(label: "All sessions", path: "/group-sessions"),
                              links: [.init(label: "Session notes", path: "\(base)/notes")]),
            .p(.class("session-state"), .text(s.attendanceSummary), .text(" "),
               .if(finalized && !s.locked, .span(.class("badge"), .text("Finalized: ready to bill"))),
               .if(s.locked, .span(.class("badge"), .text("Billed: a claim was built, the roster is locked")))),
            .if(finalized && !s.locked && canMark,
                .p(.class("notice"), .text("This session is finalized. Changing a mark now rebuilds its charges."))),
            .div(.class("session-layout"),
                previewSummary(detail),
                roster(detail.roster, title: "Roster", id: "roster", base: base, canMark: canMark, canForce: canForce, identities: identities),
                roster(detail.supervisors, title: "Supervisors", id: "supervisors", base: base, canMark: canMark, canForce: canForce, identities: [:],
                       empty: "No supervisor is assigned to these participants. Add a supervising assignment, then reload."),
                preview(detail)
            ),
            .unwrap(charges) {
                GroupSessionChargeCard.render($0, detail: detail, canClaim: principal.has(.claimsManage) && !s.locked,
                                              canSeeHistory: principal.has(.chargesEdit), history: chargeHistory && principal.has(.chargesEdit))
            },
            .if(canMark && !finalized, closeCard(detail, base: base))
        )).render()
    }

    /// Finalizing, and the seed's prompt at close for rows left SCHEDULED.
    static func closeCard(_ detail: GroupSessionDetail, base: String) -> Node<HTML.BodyContext> {
        let scheduled = (detail.roster + detail.supervisors).filter { $0.status == .scheduled }.count
        return .section(.class("card"), .id("close"),
            .h2("Close the session"),
            .if(scheduled > 0, .group(
                .p(.text("\(scheduled) \(scheduled == 1 ? "person is" : "people are") still scheduled. Mark no-shows absent, then finalize.")),
                PageForm.post("\(base)/mark-remaining-absent", class: "remaining-absent",
                              .button(.type(.submit), .text("Mark everyone still scheduled as absent"))))),
            .if(scheduled == 0, .p(.text("Everyone is marked. Finalizing builds the charges from this attendance."))),
            PageForm.post("\(base)/finalize", class: "finalize", .button(.class("primary"), .type(.submit), .text("Finalize session")))
        )
    }

    static func roster(_ rows: [AttendanceRow], title: String, id: String, base: String, canMark: Bool, canForce: Bool,
                       identities: [UUID: Patient], empty: String? = nil) -> Node<HTML.BodyContext> {
        .section(.class("card"), .id(id),
            .h2(.text(title)),
            .if(rows.isEmpty, .unwrap(empty) { .p(.text($0)) }),
            .ul(.class("roster"), .forEach(rows) { row in
                .li(.class("roster-row"), .id("row-\(row.id.uuidString.lowercased())"), .attribute(named: "data-status", value: row.status.rawValue),
                    .div(.class("who"),
                         .div(.strong(.class("name"), .text(row.displayName)), .text(" "),
                              .span(.class("status status-\(row.status.rawValue.lowercased())"), .text(PlainWords.attendance(row.status)))),
                         .unwrap(row.patientID.flatMap { identities[$0] }) { patient in
                             .span(.class("identity"), .text("Born \(PlainWords.date(patient.dateOfBirth)) · Record \(patient.mrn)"))
                         }),
                    .if(canMark, marks(row, base: base)),
                    .if(canForce, forceMenu(row, base: base)))
            }))
    }

    /// The three marks at fixed places, whatever the row's status: the current one is shown
    /// pressed, so a tap never lands on a button that moved.
    static let markOrder: [AttendanceStatus] = [.attended, .late, .absent]

    static func marks(_ row: AttendanceRow, base: String) -> Node<HTML.BodyContext> {
        .div(.class("marks"), .attribute(named: "role", value: "group"), .attribute(named: "aria-label", value: "Mark \(row.displayName)"),
             .forEach(markOrder) { (status: AttendanceStatus) -> Node<HTML.BodyContext> in
                 if status == row.status {
                     return .div(.button(.type(.button), .class("mark-\(status.rawValue.lowercased())"), .attribute(named: "aria-pressed", value: "true"),
                                         .attribute(named: "disabled", value: "disabled"), .text(PlainWords.attendance(status))))
                 }
                 guard row.legalNextStates.contains(status) else { return .div() }
                 return PageForm.post("\(base)/rows/\(row.id.uuidString.lowercased())", class: "mark",
                     .input(.type(.hidden), .name("status"), .value(status.rawValue)),
                     .input(.type(.hidden), .name("row_version"), .value("\(row.rowVersion)")),
                     .button(.type(.submit), .class("mark-\(status.rawValue.lowercased())"), .attribute(named: "aria-pressed", value: "false"),
                             .text(PlainWords.attendance(status))))
             })
    }

    /// The row menu's "Force update" on a locked session, for holders of the force scope: the
    /// confirmation states the consequence and the reason is required.
    static func forceMenu(_ row: AttendanceRow, base: String) -> Node<HTML.BodyContext> {
        let id = row.id.uuidString.lowercased()
        return .element(named: "details", nodes: [.class("row-menu"),
            .element(named: "summary", nodes: [.text("Force update")]),
            PageForm.post("\(base)/rows/\(id)/force", class: "force",
                .p(.class("warning"), .text("This session is billed. Forcing a change voids this participant's charges from the session, rebuilds them, and marks the claim for void/replace; the change and your reason are audit-logged.")),
                .input(.type(.hidden), .name("row_version"), .value("\(row.rowVersion)")),
                .label(.for("force-status-\(id)"), "New status"),
                .select(.id("force-status-\(id)"), .attribute(named: "name", value: "status"),
                        .forEach(row.legalNextStates) { option($0.rawValue, PlainWords.attendance($0), selected: false) }),
                .label(.for("force-reason-\(id)"), "Reason (required)"),
                .textarea(.id("force-reason-\(id)"), .name("reason"), .required(true), .attribute(named: "maxlength", value: "500")),
                .button(.class("danger"), .type(.submit), .text("Force update")))
        ])
    }

    /// The compact preview that stays in view while marking: billable count and warning titles.
    static func previewSummary(_ detail: GroupSessionDetail) -> Node<HTML.BodyContext> {
        let p = detail.preview
        return .aside(.class(p.warnings.isEmpty ? "preview-summary" : "preview-summary has-warnings"), .id("preview-summary"),
                      .attribute(named: "aria-live", value: "polite"),
            .h2("Billing"),
            .span(.strong(.text("\(p.billableCount) billable")),
                  .text(p.expectedUnits.units.map { " · \($0) unit\($0 == 1 ? "" : "s") each" } ?? " · not billable")),
            p.warnings.isEmpty
                ? Node<HTML.BodyContext>.span(.class("status status-attended"), .text("No warnings"))
                : .ul(.forEach(p.warnings) { warning in .li(.attribute(named: "data-summary-code", value: warning.code.rawValue),
                                                            .text(PlainWords.warningTitle(warning.code.rawValue))) }),
            .a(.href("#billing-preview"), .text("Details"))
        )
    }

    static func preview(_ detail: GroupSessionDetail) -> Node<HTML.BodyContext> {
        let p = detail.preview
        return .section(.class("card"), .id("billing-preview"),
            .h2("Billing preview"),
            .element(named: "dl", nodes: [.class("facts"),
                .element(named: "dt", nodes: [.text("Billable participants")]), .element(named: "dd", nodes: [.text("\(p.billableCount)")]),
                .element(named: "dt", nodes: [.text("Supervisors present")]), .element(named: "dd", nodes: [.text("\(p.presentSupervisors)")]),
                .element(named: "dt", nodes: [.text("Payer")]),
                .element(named: "dd", nodes: [.text(p.payer.map { "\($0.payerName) (\(detail.facilityState) rules)" } ?? "No active primary coverage")]),
                .unwrap(p.band?.band) { band in
                    .group(.element(named: "dt", nodes: [.text("Group size band")]),
                           .element(named: "dd", nodes: [.text("\(band.minParticipants)–\(band.maxParticipants) at \(PlainWords.money(band.unitRateCents)) per unit")]))
                },
                .element(named: "dt", nodes: [.text("Units per participant")]),
                .element(named: "dd", nodes: [.text(p.expectedUnits.units.map { "\($0) under \(detail.programLabel) rules" }
                                                    ?? "Not billable: \(notBillableText(p.expectedUnits))")]),
            ]),
            .if(p.payer == nil, .p(.class("warning"), .text("No participant has active primary coverage: the payer's supervision and group-size rules were not checked."))),
            .if(p.warnings.isEmpty, .p(.class("notice"), .text("No group-billing warnings."))),
            .ul(.class("warnings"), .forEach(p.warnings) { warning in
                .li(.class("warning"), .attribute(named: "data-code", value: warning.code.rawValue),
                    .strong(.text(PlainWords.warningTitle(warning.code.rawValue))), .text(" \(warning.message)"),
                    .span(.class("support-code"), .text(" Code for support: \(warning.code.rawValue)")))
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

    static func money(_ cents: Int) -> String { PlainWords.money(cents) }
}

/// The session page's post/redirect/get outcomes: a form action redirects to the page with
/// `?done=…`, and the page shows what happened at the top.
enum GroupSessionOutcome {
    static func from(done: String?, count: Int?, base: String) -> Outcome? {
        switch done {
        case "finalized":
            return .success("Session finalized", "Charges are built from this attendance in a moment; they appear under Charges.")
        case "not-finalized":
            let n = count ?? 0
            var outcome = Outcome.refusal("Not finalized: \(n) \(n == 1 ? "person is" : "people are") still scheduled",
                                          "Every participant and supervisor needs Attended, Late or Absent before the session can be finalized.")
            outcome.actions = [.init(label: "Mark everyone still scheduled as absent", path: "\(base)/mark-remaining-absent", post: true)]
            return outcome
        case "marked-absent":
            let n = count ?? 0
            return .success(n == 0 ? "Nobody was still scheduled" : "\(n) marked absent",
                            "Everyone is marked. Finalize when the session is over.")
        default:
            return nil
        }
    }
}
