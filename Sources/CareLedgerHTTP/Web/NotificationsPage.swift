import Foundation
import PageMarkup
import Platform

/// `/notifications`: the signed-in user's in-app inbox (PF-10), newest first, each unread one
/// with a "Mark read" button. Titles hold ids, dates and codes only, so nothing here is PHI.
enum NotificationsPage {
    static func render(home: HomeQuery, principal: Principal, _ notifications: [InboxNotification], outcome: Outcome?) -> String {
        Layout.page(title: "Notifications", home: home, principal: principal, section: nil, outcome: outcome, content: .div(
            PageHeader.render("Notifications", subtitle: home.unreadNotifications == 1 ? "1 unread" : "\(home.unreadNotifications) unread"),
            .section(.class("card"),
                .if(notifications.isEmpty, .p(.text("No notifications."))),
                .ul(.class("notifications"), .forEach(notifications) { item(for: $0) }))
        )).render()
    }

    static func item(for notification: InboxNotification) -> Node<HTML.ListContext> {
        let id = notification.id.uuidString.lowercased()
        let unread = notification.readAt == nil
        return .li(.class(unread ? "unread" : "read"), .id("notification-\(id)"),
            .span(.class("badge"), .text(unread ? "Unread" : "Read")),
            .unwrap(notification.link, { link in .a(.href(link), .text(notification.title)) }, else: .span(.text(notification.title))),
            .span(.class("when"), .text(PlainWords.date(String(notification.createdAt.ISO8601Format().prefix(10))))),
            .if(unread, PageForm.post("/notifications/\(id)/read", .button(.type(.submit), .text("Mark read")))))
    }
}
