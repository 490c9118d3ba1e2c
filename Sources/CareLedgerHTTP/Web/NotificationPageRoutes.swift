import Foundation
import Hummingbird
import Platform

/// `/notifications` and its "Mark read" form (post/redirect/get; marking is audited by
/// `Notifications.markRead`, as the API's is).
struct NotificationPageRoutes: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/notifications") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            let home = try await HomeQuery.load(principal, database: database)
            let inbox = try await database.withTenant(principal.organizationID) { tx in
                guard let user = principal.userID else { return [InboxNotification]() }
                return try await Notifications.inbox(userID: user, limit: 200, in: tx)
            }
            let outcome: Outcome? = request.uri.queryParameters["done"] == "read" ? .success("Marked read") : nil
            return WebRoutes.html(NotificationsPage.render(home: home, principal: principal, inbox, outcome: outcome))
        }
        router.post("/notifications/:id/read") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            let id = try context.pathID("id")
            guard let user = principal.userID else { throw DomainError.notFound("notification") }
            try await database.withTenant(principal.organizationID) { tx in
                try await Notifications.markRead(id: id, userID: user, by: principal, in: tx)
            }
            return WebRoutes.redirect("/notifications?done=read")
        }
    }
}
