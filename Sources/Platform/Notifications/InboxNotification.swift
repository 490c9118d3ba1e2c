public import Foundation

/// One notification in a user's in-app inbox (PF-10). Titles hold ids, dates and codes only.
public struct InboxNotification: Sendable, Codable, Equatable {
    public let id: UUID
    public let kind: String
    public let reasonKey: String
    public let title: String
    public let link: String?
    public let createdAt: Date
    public let readAt: Date?
}
