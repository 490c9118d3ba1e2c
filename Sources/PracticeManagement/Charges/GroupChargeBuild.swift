public import Foundation
import PostgresNIO
public import Platform

/// The latest charge build of a group session: what was built, or why nothing was.
public struct GroupChargeBuild: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case built
        case notBillable = "not_billable"
    }

    public let sessionID: UUID
    public let revision: Int
    public let outcome: Outcome
    /// Why no charge (or not every member's) was built, e.g. BELOW_MINIMUM_DURATION.
    public let problem: ChargeProblem?
    public let billableCount: Int
    public let activeCharges: Int
    public let voidedCharges: Int

    /// The session's latest build, or nil when it was never built.
    public static func find(sessionID: UUID, in tx: TenantTransaction) async throws -> GroupChargeBuild? {
        for try await (revision, outcome, code, reason, billable, active, voided) in try await tx.query("""
            SELECT revision, outcome, reason_code, reason, billable_count, active_charges, voided_charges
            FROM pm_group_charge_builds WHERE session_id = \(sessionID)
            """).decode((Int, String, String?, String?, Int, Int, Int).self) {
            return GroupChargeBuild(sessionID: sessionID, revision: revision, outcome: Outcome(rawValue: outcome) ?? .built,
                                    problem: code.map { ChargeProblem(code: $0, message: reason ?? "") }, billableCount: billable,
                                    activeCharges: active, voidedCharges: voided)
        }
        return nil
    }
}
