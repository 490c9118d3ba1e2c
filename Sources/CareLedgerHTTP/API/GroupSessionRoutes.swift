import CareLedgerApp
import Clinical
import Foundation
public import Hummingbird
import Metrics
import Platform

/// `/api/v1/group-sessions`: the list, ad-hoc creation, the detail with its billing preview,
/// attendance marks and finalize.
public struct GroupSessionRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateBody: Decodable {
        let scheduleId: UUID?
        let facilityId: UUID?
        let groupType: String?
        let sessionDate: String?
        let startTime: String?
        let endTime: String?
        let patientIds: [UUID]?
        let location: String?
        let topic: String?
    }

    /// Its coding keys are the API's names, so the room's most frequent request is decoded
    /// without Foundation's snake-case conversion of every key.
    struct MarkBody: Decodable {
        let status: String
        let rowVersion: Int?
        /// A forced correction of a locked session: needs clinical.attendance.write.force and a reason.
        let force: Bool?
        let reason: String?

        enum CodingKeys: String, CodingKey { case status, rowVersion = "row_version", force, reason }
    }

    struct MarkResult: Codable, Sendable {
        let row: AttendanceRowView
        let billingPreview: BillingPreviewView
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        let bus = dependencies.bus
        // A mark with the row and the billing preview read after it: what the room waits on.
        let markTimer = Metrics.Timer(label: "careledger_attendance_mark_seconds")
        registry.component("GroupSessionSummary", SessionSummaryView.schema)
        registry.component("AttendanceRow", AttendanceRowView.schema)
        registry.component("BillingPreview", BillingPreviewView.schema)
        let detailSchema: Schema = .object([
            ("session", .ref("GroupSessionSummary")), ("schedule_id", .nullable(.string(format: "uuid"))), ("state_code", .string()),
            ("time_zone", .string()), ("duration_minutes", .integer), ("location", .nullable(.string())), ("topic", .nullable(.string())),
            ("supervisors", .array(.ref("AttendanceRow"))), ("roster", .array(.ref("AttendanceRow"))), ("billing_preview", .ref("BillingPreview")),
        ], required: ["session", "state_code", "time_zone", "duration_minutes", "supervisors", "roster", "billing_preview"])

        registry.add(router, .get, "/api/v1/group-sessions",
                     summary: "Sessions by date range (default today in the facility's zone), facility (default yours), group type, status",
                     permission: .groupSessionRead, response: .array(.ref("GroupSessionSummary")), errors: [422]) { request, context in
            let principal = try context.require(.groupSessionRead)
            let sessions = try await database.withTenant(principal.organizationID) { tx in
                let filter = try await SessionListQuery.filter(request, principal: principal, in: tx)
                return try await GroupSessions.list(filter, in: tx)
            }
            return JSONResponse(sessions.map(SessionSummaryView.init))
        }

        registry.add(router, .post, "/api/v1/group-sessions",
                     summary: "Create an ad-hoc session, or document a scheduled occurrence (schedule_id)",
                     permission: .groupSessionManage,
                     request: .object([("schedule_id", .string(format: "uuid")), ("facility_id", .string(format: "uuid")), ("group_type", .string()),
                                       ("session_date", .string(format: "date")), ("start_time", .string()), ("end_time", .string()),
                                       ("patient_ids", .array(.string(format: "uuid"))), ("location", .string()), ("topic", .string())],
                                      required: []),
                     response: detailSchema, status: 201, errors: [404]) { request, context in
            let principal = try context.require(.groupSessionManage)
            let body = try await request.decodeJSON(CreateBody.self, context: context)
            let detail = try await database.withTenant(principal.organizationID) { tx in
                let id: UUID
                if let scheduleID = body.scheduleId {
                    id = try await GroupSessions.createFromSchedule(scheduleID, by: principal, in: tx)
                } else {
                    id = try await GroupSessions.create(try Self.newSession(body), by: principal, in: tx)
                }
                return try await GroupSessions.detail(id, jurisdictions: jurisdictions, in: tx)
            }
            return JSONResponse(SessionDetailView(detail), status: .created)
        }

        registry.add(router, .get, "/api/v1/group-sessions/:id", summary: "A session: header, supervisors, roster with legal moves, billing preview",
                     permission: .groupSessionRead, response: detailSchema, errors: [404]) { _, context in
            let principal = try context.require(.groupSessionRead)
            let id = try context.pathID("id")
            return JSONResponse(SessionDetailView(try await database.withTenant(principal.organizationID) { tx in
                try await GroupSessions.detail(id, jurisdictions: jurisdictions, in: tx)
            }))
        }

        registry.add(router, .post, "/api/v1/group-sessions/:id/attendance/:rowId",
                     summary: "Mark one row (409 on an illegal move, a stale row_version, or a locked session without force); with force=true and a reason (needs clinical.attendance.write.force, else 403) a locked session's row changes and its charges are voided and rebuilt; returns the new preview",
                     permission: .attendanceWrite,
                     request: Self.markSchema,
                     response: .object([("row", .ref("AttendanceRow")), ("billing_preview", .ref("BillingPreview"))], required: ["row", "billing_preview"]),
                     errors: [403, 404, 409, 422]) { request, context in
            let principal = try context.require(.attendanceWrite)
            let sessionID = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            let body = try await request.decodeJSON(MarkBody.self, context: context, snakeCaseKeys: false)
            guard let status = AttendanceStatus(rawValue: body.status) else {
                throw DomainError.invalid("status", "Use SCHEDULED, ATTENDED, LATE or ABSENT.")
            }
            let reply = try await markTimer.measure {
                try await GroupSessionWorkflow.markAndReply(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: body.rowVersion,
                                                            force: body.force == true, reason: body.reason ?? "", by: principal,
                                                            services: dependencies.services)
            }
            return JSONResponse(MarkResult(row: AttendanceRowView(reply.row), billingPreview: BillingPreviewView(reply.preview, programLabel: reply.programLabel)))
        }

        registry.add(router, .post, "/api/v1/group-sessions/:id/finalize",
                     summary: "Finalize: ready to bill when every row is terminal; otherwise lists the rows still SCHEDULED",
                     permission: .attendanceWrite,
                     response: .object([("finalized", .boolean), ("unmarked_row_ids", .array(.string(format: "uuid")))],
                                       required: ["finalized", "unmarked_row_ids"]), errors: [404]) { _, context in
            let principal = try context.require(.attendanceWrite)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await GroupSessionWorkflow.finalize(sessionID: id, by: principal, bus: bus, in: tx)
            })
        }
    }

    /// A mark, or a forced correction, which always says why (`Attendance.forceMark`: 1-500 characters).
    static let markSchema: Schema = {
        let status = Schema.string(enumeration: AttendanceStatus.allCases.map(\.rawValue))
        return .anyOf([
            .object([("status", status), ("row_version", .integer), ("force", .constant(.bool(false))), ("reason", .string())], required: ["status"]),
            .object([("status", status), ("row_version", .integer), ("force", .constant(.bool(true))), ("reason", .text(1...500))],
                    required: ["status", "force", "reason"]),
        ])
    }()

    static func newSession(_ body: CreateBody) throws -> NewGroupSession {
        guard let facility = body.facilityId else { throw DomainError.invalid("facility_id", "This field is required.", code: "MISSING_FIELD") }
        guard let type = body.groupType else { throw DomainError.invalid("group_type", "This field is required.", code: "MISSING_FIELD") }
        guard let rawDate = body.sessionDate else { throw DomainError.invalid("session_date", "This field is required.", code: "MISSING_FIELD") }
        guard let date = ServiceDate(rawDate) else { throw DomainError.invalid("session_date", "Use the form YYYY-MM-DD.") }
        guard let start = body.startTime else { throw DomainError.invalid("start_time", "This field is required.", code: "MISSING_FIELD") }
        guard let end = body.endTime else { throw DomainError.invalid("end_time", "This field is required.", code: "MISSING_FIELD") }
        return NewGroupSession(facilityID: facility, groupType: type, sessionDate: date, startTime: start, endTime: end,
                               patientIDs: body.patientIds ?? [], location: body.location, topic: body.topic)
    }
}

/// The list's filters from the query string, with the defaults the list page shows: today in
/// the facility's zone, the user's default facility.
enum SessionListQuery {
    static func filter(_ request: Request, principal: Principal, in tx: TenantTransaction) async throws -> GroupSessionFilter {
        let query = request.uri.queryParameters
        let page = try Pagination(request)
        var facility: UUID?
        if let raw = query["facility_id"] {
            if raw == "all" { facility = nil } else {
                guard let id = UUID(uuidString: String(raw)) else { throw DomainError.invalid("facility_id", "facility_id is a UUID or all.") }
                facility = id
            }
        } else if let user = principal.userID {
            facility = try await Organizations.defaultFacilityID(userID: user, in: tx)
        }
        let today = ServiceDate.today(in: try await Organizations.timeZone(facility: facility, in: tx))
        func date(_ name: String) throws -> ServiceDate? {
            guard let raw = query[Substring(name)] else { return nil }
            guard let value = ServiceDate(String(raw)) else { throw DomainError.invalid(name, "\(name) is a date, YYYY-MM-DD.") }
            return value
        }
        let from = try date("from") ?? today
        let to = try date("to") ?? from
        guard to >= from else { throw DomainError.invalid("to", "to is on or after from.") }
        var status: String?
        if let raw = query["status"] {
            guard ["open", "finalized"].contains(String(raw)) else { throw DomainError.invalid("status", "status is open or finalized.") }
            status = String(raw)
        }
        return GroupSessionFilter(from: from, to: to, facilityID: facility, groupType: query["group_type"].map(String.init),
                                  status: status, limit: page.limit, offset: page.offset)
    }
}
