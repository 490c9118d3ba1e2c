import PageMarkup
import Platform

/// The main sections of the product, each shown only to holders of its permission.
enum NavigationSection: CaseIterable {
    case home, groupSessions, claims, compliance, qualityMeasures, billingRules, financialCounseling, valueBasedPurchasing

    var title: String {
        switch self {
        case .home: "Home"
        case .groupSessions: "Group sessions"
        case .claims: "Claims"
        case .compliance: "IOP/PHP compliance"
        case .qualityMeasures: "Quality measures"
        case .billingRules: "Billing rules"
        case .financialCounseling: "Financial counseling"
        case .valueBasedPurchasing: "Value-based purchasing"
        }
    }

    var path: String {
        switch self {
        case .home: "/"
        case .groupSessions: "/group-sessions"
        case .claims: "/claims"
        case .compliance: "/compliance/iop-php"
        case .qualityMeasures: "/quality"
        case .billingRules: "/billing-rules"
        case .financialCounseling: "/financial-counseling/worklist"
        case .valueBasedPurchasing: "/finance/vbp"
        }
    }

    /// The permission that opens the section; nil for sections every signed-in user may read.
    var permission: PermissionKey? {
        switch self {
        case .home, .billingRules: nil
        case .groupSessions: .groupSessionRead
        case .claims: .claimsRead
        case .compliance: .reportsRead
        case .qualityMeasures: .qualityRead
        case .financialCounseling: .financialCounselingView
        case .valueBasedPurchasing: .vbpRead
        }
    }

    /// Whether the section's pages exist: a section whose page is still being written sets this
    /// to false, so its link never leads to a 404.
    var isBuilt: Bool { true }

    /// The sections a holder of `permissions` may open, in bar order.
    static func available(to permissions: Set<PermissionKey>) -> [NavigationSection] {
        allCases.filter { $0.isBuilt && ($0.permission.map(permissions.contains) ?? true) }
    }
}

/// The navigation bar: one link per section the viewer may use, the current one marked.
enum NavigationBar {
    static func render(for permissions: Set<PermissionKey>, current: NavigationSection?) -> Node<HTML.BodyContext> {
        .nav(.class("nav"), .attribute(named: "aria-label", value: "Main"),
             .forEach(NavigationSection.available(to: permissions)) { section in
                 .a(.href(section.path), .if(section == current, .attribute(named: "aria-current", value: "page")), .text(section.title))
             })
    }
}
