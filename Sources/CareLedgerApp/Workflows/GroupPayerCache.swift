public import Foundation
public import Platform
import Synchronization

/// Each session's group payer as this process last read it, under the organization's group payer
/// version it was read at (`pf_group_payer_versions`, Platform migration 0904). A mark sends the
/// version it knows and gets the payer back only when the organization's version moved, which
/// every change to the payer's inputs (coverages, payers, rules, bands, the roster's members, the
/// session's date and facility, the facility's state) does when it commits. So a kept payer is
/// the one the database would choose now, and the preview stays the scrubber's result. Only the
/// room's mark (`GroupSessionWorkflow.markAndReply`) uses it, so it lives with that workflow.
public final class GroupPayerCache: Sendable {
    struct Key: Hashable {
        let organizationID: UUID
        let sessionID: UUID
    }

    /// A payer as read under a version.
    public struct Kept: Sendable {
        public let version: Int64
        public let payer: PayerGroupRules?
    }

    /// About a day of a large practice's sessions; when full the cache starts over (a miss costs
    /// one read of the payer, not a wrong answer).
    static let capacity = 20_000

    private let entries = Mutex([Key: Kept]())

    public init() {}

    /// The payer this process keeps for the session, with the version to send with a mark.
    public func kept(organizationID: UUID, sessionID: UUID) -> Kept? {
        entries.withLock { $0[Key(organizationID: organizationID, sessionID: sessionID)] }
    }

    /// The payer that applies after a reply to a mark sent with `kept`'s version: the reply's own
    /// when it read one (kept for the next mark), else `kept`'s, which the database has just said
    /// is current. A reply that says unchanged to a mark sent without a version cannot come (no
    /// version equals none); it is refused rather than answered with a guess.
    public func payer(after reply: GroupSessionMarkReply, sentWith kept: Kept?, organizationID: UUID, sessionID: UUID) throws -> PayerGroupRules? {
        switch reply.payer {
        case .read(let payer):
            entries.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[Key(organizationID: organizationID, sessionID: sessionID)] = Kept(version: reply.payerVersion, payer: payer)
            }
            return payer
        case .unchanged:
            guard let kept else {
                throw DomainError(.internalError, code: "GROUP_PAYER_UNKNOWN", message: "The group's payer could not be read; reload the session.")
            }
            return kept.payer
        }
    }
}
