import Foundation
public import Hummingbird
import Platform

/// `/api/v1/audit-log`: recent audit entries of the organization (ids and codes only).
public struct AuditLogRoutes: Sendable {
    let dependencies: AppDependencies

    struct AuditRow: Codable, Sendable {
        let id: Int
        let occurredAt: Date
        let actorUserId: UUID?
        let actorTokenId: UUID?
        let action: String
        let entityType: String
        let entityId: String?
        let reason: String?
        let correlationId: UUID?

        init(_ record: AuditRecord) {
            id = record.id
            occurredAt = record.occurredAt
            actorUserId = record.actorUserID
            actorTokenId = record.actorTokenID
            action = record.action
            entityType = record.entityType
            entityId = record.entityID
            reason = record.reason
            correlationId = record.correlationID
        }
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .get, "/api/v1/audit-log", summary: "Recent audit entries (ids and codes only)", permission: .auditRead,
                     response: .array(.object([("id", .integer), ("occurred_at", .string(format: "date-time")), ("action", .string()),
                                               ("entity_type", .string()), ("entity_id", .nullable(.string())), ("reason", .nullable(.string()))],
                                              required: ["id", "occurred_at", "action", "entity_type"]))) { request, context in
            let principal = try context.require(.auditRead)
            let page = try Pagination(request)
            let records = try await database.withTenant(principal.organizationID) { tx in
                try await AuditLog.recent(limit: page.limit, offset: page.offset, in: tx)
            }
            return JSONResponse(records.map { AuditRow($0) })
        }
    }
}
