import Foundation
public import Hummingbird
import Platform

/// `/api/v1/notifications`: the signed-in user's in-app inbox (PF-10).
public struct NotificationRoutes: Sendable {
    let dependencies: AppDependencies

    struct UnreadCount: Encodable, Sendable { let unread: Int }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("Notification", .object([("id", .string(format: "uuid")), ("kind", .string()), ("reason_key", .string()), ("title", .string()),
                                                    ("link", .nullable(.string())), ("created_at", .string(format: "date-time")),
                                                    ("read_at", .nullable(.string(format: "date-time")))],
                                                   required: ["id", "kind", "reason_key", "title", "created_at"]))
        registry.add(router, .get, "/api/v1/notifications", summary: "The signed-in user's notifications, newest first", permission: nil,
                     response: .array(.ref("Notification")), errors: [401, 422],
                     query: [QueryParameter("unread", .boolean, "Only unread notifications when true.")]) { request, context in
            let (principal, user) = try Self.user(context)
            let given = request.uri.queryParameters.getAll("unread")
            guard given.allSatisfy({ $0 == "true" || $0 == "false" }) else { throw DomainError.invalid("unread", "unread is true or false.") }
            let unreadOnly = given.contains("true")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Notifications.inbox(userID: user, unreadOnly: unreadOnly, in: tx)
            })
        }
        registry.add(router, .get, "/api/v1/notifications/unread-count", summary: "How many of the user's notifications are unread", permission: nil,
                     response: .object([("unread", .integer)], required: ["unread"]), errors: [401]) { _, context in
            let (principal, user) = try Self.user(context)
            return JSONResponse(UnreadCount(unread: try await database.withTenant(principal.organizationID) { tx in
                try await Notifications.unreadCount(userID: user, in: tx)
            }))
        }
        registry.add(router, .post, "/api/v1/notifications/:id/read", summary: "Mark one of the user's notifications read", permission: nil,
                     response: .object([("unread", .integer)], required: ["unread"]), errors: [401, 404]) { _, context in
            let (principal, user) = try Self.user(context)
            let id = try context.pathID("id")
            return JSONResponse(UnreadCount(unread: try await database.withTenant(principal.organizationID) { tx in
                try await Notifications.markRead(id: id, userID: user, by: principal, in: tx)
                return try await Notifications.unreadCount(userID: user, in: tx)
            }))
        }
    }

    /// The principal and its user; a token without a user has no inbox (401).
    static func user(_ context: AppRequestContext) throws -> (Principal, UUID) {
        let principal = try context.requirePrincipal()
        guard let user = principal.userID else { throw DomainError.unauthenticated }
        return (principal, user)
    }
}
