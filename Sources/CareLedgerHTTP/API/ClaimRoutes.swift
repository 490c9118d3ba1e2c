import CareLedgerApp
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import Platform
import PracticeManagement

/// `/api/v1/claims`: build claims from charges (locking their sessions), list, show, scrub, and
/// export as 837P.
public struct ClaimRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateBody: Decodable {
        let sessionId: UUID?
        let patientId: UUID?

        func scope() throws -> ClaimScope {
            switch (sessionId, patientId) {
            case (let session?, nil): return .groupSession(session)
            case (nil, let patient?): return .patient(patient)
            default: throw DomainError.invalid("session_id", "Send exactly one of session_id and patient_id.")
            }
        }
    }

    struct ExportBody: Decodable { let claimIds: [UUID] }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        registry.component("Claim", ClaimView.schema)
        registry.component("ClaimValidation", ClaimDetailView.validationSchema)
        registry.component("ClaimDetail", ClaimDetailView.schema)

        registry.add(router, .post, "/api/v1/claims",
                     summary: "Build claims from a session's or patient's unclaimed active charges (one per member and payer); locks the sessions",
                     permission: .claimsManage,
                     request: .oneOf([.object([("session_id", .string(format: "uuid"))], required: ["session_id"]),
                                      .object([("patient_id", .string(format: "uuid"))], required: ["patient_id"])]),
                     response: ClaimBuildView.schema, status: 201, errors: [404, 409]) { request, context in
            let principal = try context.require(.claimsManage)
            let scope = try await request.decodeJSON(CreateBody.self, context: context).scope()
            let built = try await ClaimBuilding.build(scope, principal: principal, database: database, jurisdictions: jurisdictions)
            return JSONResponse(ClaimBuildView(built), status: .created)
        }

        registry.add(router, .get, "/api/v1/claims", summary: "Claims, newest first; filter by status and patient_id",
                     permission: .claimsRead, response: .array(.ref("Claim")), errors: [422]) { request, context in
            let principal = try context.require(.claimsRead)
            let (status, patient) = try ClaimListQuery.filters(request)
            let page = try Pagination(request)
            let claims = try await database.withTenant(principal.organizationID) { tx in
                try await Claims.list(status: status, patientID: patient, limit: page.limit, offset: page.offset, in: tx)
            }
            return JSONResponse(claims.map(ClaimView.init))
        }

        registry.add(router, .get, "/api/v1/claims/:id", summary: "A claim: lines, scrubber findings, the link to its 837P",
                     permission: .claimsRead, response: .ref("ClaimDetail"), errors: [404]) { _, context in
            let principal = try context.require(.claimsRead)
            let id = try context.pathID("id")
            return JSONResponse(ClaimDetailView(try await database.withTenant(principal.organizationID) { tx in try await Claims.find(id, in: tx) }))
        }

        registry.add(router, .post, "/api/v1/claims/:id/scrub", summary: "Run the scrubber again on current data and store its findings",
                     permission: .claimsManage, response: .ref("ClaimDetail"), errors: [404]) { _, context in
            let principal = try context.require(.claimsManage)
            let id = try context.pathID("id")
            return JSONResponse(ClaimDetailView(try await database.withTenant(principal.organizationID) { tx in
                try await ClaimScrubber.scrub(claimID: id, jurisdictions: jurisdictions, in: tx)
                return try await Claims.find(id, in: tx)
            }))
        }

        registry.add(router, .get, "/api/v1/claims/:id/edi",
                     summary: "The claim as an 837P file (a preview: it takes no control number and marks nothing exported)",
                     permission: .claimsRead, response: .string(), responseContentType: ClaimEDIResponse.contentType,
                     errors: [404, 409, 422]) { _, context in
            let principal = try context.require(.claimsRead)
            let id = try context.pathID("id")
            let interchange = try await database.withTenant(principal.organizationID) { tx in
                try await ClaimEDIExport.preview(claimID: id, jurisdictions: jurisdictions, in: tx)
            }
            return ClaimEDIResponse.make(interchange, preview: true)
        }

        registry.add(router, .post, "/api/v1/claims/export",
                     summary: "Export claims as one 837P interchange under the next control number; marks them exported",
                     permission: .claimsManage, request: .object([("claim_ids", .arrayOf(.string(format: "uuid"), count: 1...Int.max))], required: ["claim_ids"]),
                     response: .string(), responseContentType: ClaimEDIResponse.contentType, errors: [404, 409]) { request, context in
            let principal = try context.require(.claimsManage)
            let body = try await request.decodeJSON(ExportBody.self, context: context)
            let interchange = try await database.withTenant(principal.organizationID) { tx in
                try await ClaimEDIExport.export(claimIDs: body.claimIds, jurisdictions: jurisdictions, by: principal, in: tx)
            }
            return ClaimEDIResponse.make(interchange, preview: false)
        }
    }
}

/// The list's query-string filters.
enum ClaimListQuery {
    static func filters(_ request: Request) throws -> (ClaimStatus?, UUID?) {
        let query = request.uri.queryParameters
        var status: ClaimStatus?
        if let raw = query["status"] {
            guard let known = ClaimStatus(rawValue: String(raw)) else { throw DomainError.invalid("status", "status is open, exported or corrected.") }
            status = known
        }
        var patient: UUID?
        if let raw = query["patient_id"] {
            guard let id = UUID(uuidString: String(raw)) else { throw DomainError.invalid("patient_id", "patient_id is a UUID.") }
            patient = id
        }
        return (status, patient)
    }
}

/// An 837P as an HTTP response: X12's media type, a file name from the control number.
enum ClaimEDIResponse {
    static let contentType = "application/edi-x12"

    static func make(_ interchange: ClaimInterchange, preview: Bool) -> Response {
        let name = preview ? "claim-preview.x12" : "careledger-837p-\(interchange.controlNumber).x12"
        var headers: HTTPFields = [.contentType: contentType]
        headers[HTTPField.Name("Content-Disposition")!] = "attachment; filename=\"\(name)\""
        headers[HTTPField.Name("X12-Interchange-Control-Number")!] = String(interchange.controlNumber)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: interchange.content)))
    }
}
