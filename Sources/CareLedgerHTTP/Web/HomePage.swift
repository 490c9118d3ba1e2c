import PageMarkup
import Platform

/// The signed-in landing page: the organization, the user's facility and what they can open.
enum HomePage {
    static func render(home: HomeQuery, principal: Principal) -> String {
        Layout.page(title: "Home", organization: home.organizationName, user: home.displayName, content: .div(
            .div(.class("card"),
                .h1(.text("Welcome\(home.displayName.map { ", \($0)" } ?? "")")),
                .p(.text("Organization: "), .strong(.text(home.organizationName))),
                .unwrap(home.facility, { facility in
                    .p(.text("Your facility: "), .strong(.text(facility.name)),
                       .text(" (\(facility.stateCode), \(facility.timeZone))"))
                }, else: .p(.text("No default facility is set for you.")))
            ),
            .div(.class("card"),
                .h2("Work"),
                .p(.a(.href("/group-sessions"), .text("Today's group sessions"))),
                .p(.a(.href("/billing-rules"), .text("Billing rules in force"))),
                .if(principal.has(.reportsRead), .p(.a(.href("/compliance/iop-php"), .text("IOP/PHP weekly compliance")))),
                .if(principal.has(.vbpRead), .p(.a(.href("/finance/vbp"), .text("Value-based purchasing: contracts and incentives")))),
                .if(principal.has(.qualityRead), .p(.a(.href("/quality"), .text("Quality measures and care gaps"))))
            ),
            .div(.class("card"),
                .h2("What you can do"),
                .ul(.forEach(principal.permissions.sorted()) { .li(.code(.text($0.rawValue))) })
            )
        )).render()
    }
}
