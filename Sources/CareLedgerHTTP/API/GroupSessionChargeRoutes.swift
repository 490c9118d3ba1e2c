import Clinical
import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/group-sessions/:id/charges`: what charge capture built from a documented session.
public struct GroupSessionChargeRoutes: Sendable {
    let dependencies: AppDependencies

    struct BuildView: Codable, Sendable {
        let revision: Int
        let outcome: String
        let reasonCode: String?
        let reason: String?
        let billableCount: Int
        let activeCharges: Int
        let voidedCharges: Int

        init(_ build: GroupChargeBuild) {
            revision = build.revision
            outcome = build.outcome.rawValue
            reasonCode = build.problem?.code
            reason = build.problem?.message
            billableCount = build.billableCount
            activeCharges = build.activeCharges
            voidedCharges = build.voidedCharges
        }
    }

    struct SessionCharges: Codable, Sendable {
        /// Nil until the session is documented (finalized, or past its end time) and the build ran.
        let build: BuildView?
        let charges: [Charge]
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .get, "/api/v1/group-sessions/:id/charges",
                     summary: "The charges built from a documented session (void ones included) and the latest build's outcome",
                     permission: .groupSessionRead,
                     response: .object([
                        ("build", .nullable(.object([
                            ("revision", .integer), ("outcome", .string(enumeration: ["built", "not_billable"])),
                            ("reason_code", .nullable(.string())), ("reason", .nullable(.string())), ("billable_count", .integer),
                            ("active_charges", .integer), ("voided_charges", .integer),
                        ], required: ["revision", "outcome", "billable_count", "active_charges", "voided_charges"]))),
                        ("charges", .array(.ref("Charge"))),
                     ], required: ["charges"]), errors: [404]) { _, context in
            let principal = try context.require(.groupSessionRead)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Self.load(id, in: tx)
            })
        }
    }

    static func load(_ sessionID: UUID, in tx: TenantTransaction) async throws -> SessionCharges {
        guard try await GroupSessions.exists(sessionID, in: tx) else { throw DomainError.notFound("group session") }
        return SessionCharges(build: try await GroupChargeBuild.find(sessionID: sessionID, in: tx).map(BuildView.init),
                              charges: try await ChargeCapture.list(groupSessionID: sessionID, in: tx))
    }
}
