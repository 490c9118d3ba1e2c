import CareLedgerApp
import Clinical
import Foundation
public import Hummingbird
import NIOCore
import Platform
import PracticeManagement

/// `/group-sessions` pages. Marks and finalize post plain forms and redirect back; with
/// JavaScript on, `app.js` sends the same marks to the API and swaps the page body in place.
public struct GroupSessionPageRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        let bus = dependencies.bus

        router.get("/group-sessions") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionRead)
            let home = try await HomeQuery.load(principal, database: database)
            let (filter, sessions, facilities, patients) = try await database.withTenant(principal.organizationID) { tx in
                let filter = try await SessionListQuery.filter(request, principal: principal, in: tx)
                let patients = principal.has(.groupSessionManage)
                    ? try await Patients.list(limit: 200, offset: 0, in: tx).map { ($0.id, "\($0.givenName) \($0.familyName)") } : []
                return (filter, try await GroupSessions.list(filter, in: tx), try await Organizations.facilities(in: tx), patients)
            }
            return WebRoutes.html(GroupSessionPages.list(home: home, sessions: sessions, filter: filter, facilities: facilities,
                                                         canCreate: principal.has(.groupSessionManage), patients: patients))
        }

        router.post("/group-sessions") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionManage)
            let original = request
            var request = request
            let pairs = FormBody.pairs(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
            let fields = Dictionary(pairs, uniquingKeysWith: { $1 })
            let body = GroupSessionRoutes.CreateBody(
                scheduleId: nil, facilityId: fields["facility_id"].flatMap(UUID.init(uuidString:)), groupType: fields["group_type"],
                sessionDate: fields["session_date"], startTime: fields["start_time"], endTime: fields["end_time"],
                patientIds: pairs.filter { $0.0 == "patient_ids" }.compactMap { UUID(uuidString: $0.1) }, location: nil, topic: nil)
            do {
                let id = try await database.withTenant(principal.organizationID) { tx in
                    try await GroupSessions.create(try GroupSessionRoutes.newSession(body), by: principal, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())")
            } catch let error as DomainError where error.kind == .unprocessable || error.kind == .notFound {
                let home = try await HomeQuery.load(principal, database: database)
                let (filter, sessions, facilities) = try await database.withTenant(principal.organizationID) { tx in
                    let filter = try await SessionListQuery.filter(original, principal: principal, in: tx)
                    return (filter, try await GroupSessions.list(filter, in: tx), try await Organizations.facilities(in: tx))
                }
                return WebRoutes.html(GroupSessionPages.list(home: home, sessions: sessions, filter: filter, facilities: facilities, canCreate: true,
                                                             patients: [], error: "\(error.field.map { "\($0): " } ?? "")\(error.message)"),
                                      status: .unprocessableContent)
            }
        }

        router.get("/group-sessions/:id") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionRead)
            let id = try context.pathID("id")
            return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions)
        }

        router.post("/group-sessions/:id/rows/:rowId") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            var request = request
            let fields = Dictionary(FormBody.pairs(String(buffer: try await request.collectBody(upTo: 4 * 1024))), uniquingKeysWith: { $1 })
            guard let status = fields["status"].flatMap(AttendanceStatus.init(rawValue:)) else {
                throw DomainError.invalid("status", "Use SCHEDULED, ATTENDED, LATE or ABSENT.")
            }
            do {
                try await database.withTenant(principal.organizationID) { tx in
                    try await GroupSessionWorkflow.mark(sessionID: id, rowID: rowID, to: status,
                                                        expectedVersion: fields["row_version"].flatMap { Int($0) }, by: principal, bus: bus, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())#row-\(rowID.uuidString.lowercased())")
            } catch let error as DomainError where error.kind == .conflict {
                // The page is shown fresh with what changed, so the person sees the row as it now is.
                return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions,
                                                 message: error.message, status: .conflict)
            }
        }

        router.post("/group-sessions/:id/rows/:rowId/force") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWriteForce)
            let id = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            var request = request
            let fields = Dictionary(FormBody.pairs(String(buffer: try await request.collectBody(upTo: 8 * 1024))), uniquingKeysWith: { $1 })
            guard let status = fields["status"].flatMap(AttendanceStatus.init(rawValue:)) else {
                throw DomainError.invalid("status", "Use SCHEDULED, ATTENDED, LATE or ABSENT.")
            }
            do {
                try await database.withTenant(principal.organizationID) { tx in
                    _ = try await GroupSessionWorkflow.forceMark(sessionID: id, rowID: rowID, to: status,
                                                                 expectedVersion: fields["row_version"].flatMap { Int($0) }, reason: fields["reason"] ?? "",
                                                                 by: principal, bus: bus, jurisdictions: jurisdictions, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())#charges")
            } catch let error as DomainError where error.kind == .conflict || error.kind == .unprocessable {
                return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions,
                                                 message: error.message, status: error.kind == .conflict ? .conflict : .unprocessableContent)
            }
        }

        router.post("/group-sessions/:id/finalize") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let outcome = try await database.withTenant(principal.organizationID) { tx in
                try await GroupSessionWorkflow.finalize(sessionID: id, by: principal, bus: bus, in: tx)
            }
            if outcome.finalized { return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())") }
            return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions,
                                             unmarked: outcome.unmarkedRowIDs.count, status: .conflict)
        }

        router.get("/assets/app.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: PageScript.source)))
        }
    }

    static func detailPage(_ id: UUID, principal: Principal, database: Database, jurisdictions: JurisdictionResolver,
                           message: String? = nil, unmarked: Int? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let (detail, charges) = try await database.withTenant(principal.organizationID) { tx in
            (try await GroupSessions.detail(id, jurisdictions: jurisdictions, in: tx), try await GroupSessionChargeRoutes.load(id, in: tx))
        }
        return WebRoutes.html(GroupSessionPages.detail(home: home, detail: detail, canMark: principal.has(.attendanceWrite),
                                                       canForce: principal.has(.attendanceWriteForce), canClaim: principal.has(.claimsManage),
                                                       charges: charges,
                                                       message: message, unmarked: unmarked), status: status)
    }
}
