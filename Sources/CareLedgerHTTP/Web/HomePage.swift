import PageMarkup
import Platform

/// The signed-in landing page: the user's facility and, in words, what they can open.
enum HomePage {
    static func render(home: HomeQuery, principal: Principal) -> String {
        let sections = NavigationSection.available(to: principal.permissions).filter { $0 != .home }
        return Layout.page(title: "Home", home: home, principal: principal, section: .home, content: .div(
            PageHeader.render("Welcome\(home.displayName.map { ", \($0)" } ?? "")",
                              subtitle: home.facility.map { "\(home.organizationName) · \($0.name) (\($0.stateCode))" } ?? home.organizationName),
            .if(home.facility == nil, .p(.class("notice"), .text("No default facility is set for you; lists show every facility."))),
            .section(.class("card"),
                .h2("Your work"),
                .if(sections.isEmpty, .p(.text("Your role opens no pages yet. Ask an administrator for access."))),
                .ul(.class("work"), .forEach(sections) { section in
                    .li(.a(.href(section.path), .strong(.text(section.title))), .small(.text(purpose(section))))
                })
            )
        )).render()
    }

    /// One line on what each section is for, in the staff's words.
    static func purpose(_ section: NavigationSection) -> String {
        switch section {
        case .home: ""
        case .groupSessions: "Today's groups: take attendance with a live billing preview, write notes, finalize."
        case .claims: "Claims built from finalized sessions: check them, fix problems and download 837P files."
        case .compliance: "Whether each IOP/PHP patient's weekly attendance reached the program's minimums."
        case .qualityMeasures: "Quality measures from the organization's own data, by period, with care gaps."
        case .billingRules: "The billing rules in force for your organization and where each value comes from."
        case .financialCounseling: "The counselor worklist: income, poverty-level percentage, sliding fee and charity care."
        case .valueBasedPurchasing: "Value-based contracts and their incentive and at-risk figures."
        }
    }
}
