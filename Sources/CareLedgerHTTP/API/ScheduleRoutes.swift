import Foundation
public import Hummingbird
import NIOCore
import Platform
import PracticeManagement

/// `/api/v1/schedule/import`: the scheduling feed, as CSV (`text/csv`) or JSON.
public struct ScheduleRoutes: Sendable {
    let dependencies: AppDependencies

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .post, "/api/v1/schedule/import",
                     summary: "Import scheduled group occurrences (CSV with a header row, or JSON); idempotent; a file with a bad row is refused whole",
                     permission: .scheduleManage,
                     request: .array(.object(ScheduleFeed.columns.map { ($0, $0 == "capacity" ? .integer : ($0 == "patient_mrns" ? .array(.string()) : .string())) },
                                             required: ["external_id", "group_name", "group_type", "facility", "session_date", "start_time", "end_time"])),
                     response: .object([("created", .integer), ("updated", .integer), ("unchanged", .integer)],
                                       required: ["created", "updated", "unchanged"])) { request, context in
            let principal = try context.require(.scheduleManage)
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: 4 << 20)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw DomainError(.payloadTooLarge, code: "PAYLOAD_TOO_LARGE", message: "A schedule file is at most 4 MiB.")
            }
            let isCSV = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
            let (rows, problems) = isCSV ? ScheduleFeed.parseCSV(String(buffer: buffer)) : ScheduleFeed.parseJSON(Data(buffer: buffer))
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await ScheduleImport.apply(rows, problems: problems, by: principal, in: tx)
            })
        }
    }
}
