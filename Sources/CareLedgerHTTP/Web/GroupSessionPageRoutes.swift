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
            return WebRoutes.html(GroupSessionPages.list(home: home, principal: principal, sessions: sessions, filter: filter,
                                                         facilities: facilities, patients: patients))
        }

        router.post("/group-sessions") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionManage)
            let original = request
            let fields = try await FormBody.read(request, upTo: 64 * 1024)
            let body = GroupSessionRoutes.CreateBody(
                scheduleId: nil, facilityId: fields["facility_id"].flatMap(UUID.init(uuidString:)), groupType: fields["group_type"],
                sessionDate: fields["session_date"], startTime: fields["start_time"], endTime: fields["end_time"],
                patientIds: fields.all("patient_ids").compactMap { UUID(uuidString: $0) }, location: nil, topic: nil)
            do {
                try fields.refuseControlCharacters()
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
                return WebRoutes.html(GroupSessionPages.list(home: home, principal: principal, sessions: sessions, filter: filter,
                                                             facilities: facilities, patients: [],
                                                             outcome: .refusal("The session was not created", error.message, code: error.field)),
                                      status: .unprocessableContent)
            }
        }

        router.get("/group-sessions/:id") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.groupSessionRead)
            let id = try context.pathID("id")
            let query = request.uri.queryParameters
            let outcome = GroupSessionOutcome.from(done: query["done"].map(String.init), count: query["count"].flatMap { Int(String($0)) },
                                                   base: "/group-sessions/\(id.uuidString.lowercased())")
            return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions, outcome: outcome,
                                             chargeHistory: query["charges"] == "history")
        }

        router.post("/group-sessions/:id/rows/:rowId") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            let fields = try await FormBody.read(request, upTo: 4 * 1024)
            do {
                try fields.refuseControlCharacters()
                guard let status = fields["status"].flatMap(AttendanceStatus.init(rawValue:)) else {
                    throw DomainError.invalid("status", "Use SCHEDULED, ATTENDED, LATE or ABSENT.")
                }
                try await database.withTenant(principal.organizationID) { tx in
                    try await GroupSessionWorkflow.mark(sessionID: id, rowID: rowID, to: status,
                                                        expectedVersion: fields["row_version"].flatMap { Int($0) }, by: principal, bus: bus, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())#row-\(rowID.uuidString.lowercased())")
            } catch let error as DomainError where error.kind == .conflict || error.kind == .unprocessable {
                // The page is shown fresh with what changed, so the person sees the row as it now is.
                return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions,
                                                 outcome: .refusal("The mark was not saved", error.message, code: error.code),
                                                 status: error.kind == .conflict ? .conflict : .unprocessableContent)
            }
        }

        router.post("/group-sessions/:id/rows/:rowId/force") { request, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWriteForce)
            let id = try context.pathID("id")
            let rowID = try context.pathID("rowId")
            let fields = try await FormBody.read(request, upTo: 8 * 1024)
            do {
                try fields.refuseControlCharacters()
                guard let status = fields["status"].flatMap(AttendanceStatus.init(rawValue:)) else {
                    throw DomainError.invalid("status", "Use SCHEDULED, ATTENDED, LATE or ABSENT.")
                }
                try await database.withTenant(principal.organizationID) { tx in
                    _ = try await GroupSessionWorkflow.forceMark(sessionID: id, rowID: rowID, to: status,
                                                                 expectedVersion: fields["row_version"].flatMap { Int($0) }, reason: fields["reason"] ?? "",
                                                                 by: principal, bus: bus, jurisdictions: jurisdictions, in: tx)
                }
                return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())#charges")
            } catch let error as DomainError where error.kind == .conflict || error.kind == .unprocessable {
                return try await Self.detailPage(id, principal: principal, database: database, jurisdictions: jurisdictions,
                                                 outcome: .refusal("The correction was not saved", error.message, code: error.code),
                                                 status: error.kind == .conflict ? .conflict : .unprocessableContent)
            }
        }

        // Post/redirect/get: the outcome is shown at the top of the session page, and a reload
        // never sends the form again.
        router.post("/group-sessions/:id/finalize") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let outcome = try await database.withTenant(principal.organizationID) { tx in
                try await GroupSessionWorkflow.finalize(sessionID: id, by: principal, bus: bus, in: tx)
            }
            let page = "/group-sessions/\(id.uuidString.lowercased())"
            if outcome.finalized { return WebRoutes.redirect("\(page)?done=finalized") }
            return WebRoutes.redirect("\(page)?done=not-finalized&count=\(outcome.unmarkedRowIDs.count)#outcome")
        }

        router.post("/group-sessions/:id/mark-remaining-absent") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.attendanceWrite)
            let id = try context.pathID("id")
            let count = try await database.withTenant(principal.organizationID) { tx in
                try await GroupSessionWorkflow.markRemainingAbsent(sessionID: id, by: principal, bus: bus, in: tx)
            }
            return WebRoutes.redirect("/group-sessions/\(id.uuidString.lowercased())?done=marked-absent&count=\(count)")
        }

        router.get("/assets/app.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: PageScript.source)))
        }
    }

    static func detailPage(_ id: UUID, principal: Principal, database: Database, jurisdictions: JurisdictionResolver,
                           outcome: Outcome? = nil, chargeHistory: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        let home = try await HomeQuery.load(principal, database: database)
        let (detail, charges, identities) = try await database.withTenant(principal.organizationID) { tx in
            let detail = try await GroupSessions.detail(id, jurisdictions: jurisdictions, in: tx)
            let identities = principal.has(.patientsRead) ? try await Patients.find(detail.roster.compactMap(\.patientID), in: tx) : [:]
            return (detail, try await GroupSessionChargeRoutes.load(id, in: tx), identities)
        }
        return WebRoutes.html(GroupSessionPages.detail(home: home, principal: principal, detail: detail, charges: charges, identities: identities,
                                                       outcome: outcome, chargeHistory: chargeHistory), status: status)
    }
}
