import Foundation
import Platform
import PlatformTesting
import Testing

/// PF-10 in-app notifications: once per reason, an inbox per user, unread counts.
@Suite("Notifications")
struct NotificationsTests {
    @Test("a reason notifies each user once; the inbox, the unread count and marking read are per user")
    func inbox() async throws {
        try await TestDatabase.with { db in
            let tenant = try await TestTenant.create("Inbox", permissions: [.auditRead], roles: ["financial-counselor"], database: db.database)
            let org = tenant.organizationID
            let (billing, recipients) = try await db.database.withTenant(org) { tx in
                let billing = try await Organizations.addStaff(email: "billing@inbox.example", displayName: "Billing", password: nil, roleKeys: ["billing"],
                                                               defaultFacilityID: nil, in: tx).userID
                return (billing, try await Notifications.recipients(holding: .financialCounselingManage, in: tx))
            }
            #expect(recipients == [tenant.userID])
            let users = [tenant.userID, billing]
            let first = try await db.database.withTenant(org) { tx in
                try await Notifications.notify(userIDs: users, kind: "test.reminder", reasonKey: "r:1", title: "Reminder 1", link: "/x", in: tx)
            }
            #expect(Set(first) == Set(users))
            let again = try await db.database.withTenant(org) { tx in
                try await Notifications.notify(userIDs: users, kind: "test.reminder", reasonKey: "r:1", title: "Reminder 1", link: "/x", in: tx)
            }
            #expect(again.isEmpty)
            let inbox = try await db.database.withTenant(org) { tx in try await Notifications.inbox(userID: billing, in: tx) }
            #expect(inbox.map(\.reasonKey) == ["r:1"])
            await #expect(throws: DomainError.notFound("notification")) {
                try await db.database.withTenant(org) { tx in try await Notifications.markRead(id: inbox[0].id, userID: tenant.userID, by: nil, in: tx) }
            }
            try await db.database.withTenant(org) { tx in try await Notifications.markRead(id: inbox[0].id, userID: billing, by: nil, in: tx) }
            let counts = try await db.database.withTenant(org) { tx in
                (try await Notifications.unreadCount(userID: billing, in: tx), try await Notifications.unreadCount(userID: tenant.userID, in: tx),
                 try await Notifications.inbox(userID: billing, unreadOnly: true, in: tx).count)
            }
            #expect(counts == (0, 1, 0))
            // Another organization sees none of it.
            let other = try await TestTenant.create("Other", permissions: [.auditRead], database: db.database)
            #expect(try await db.database.withTenant(other.organizationID) { tx in try await Notifications.inbox(userID: billing, in: tx) }.isEmpty)
        }
    }
}
