import Finance
import Foundation
public import Hummingbird
import NIOCore
import Platform

/// `/api/v1/vbp/…`: value-based-purchasing contracts (FA), the incentive and at-risk figures built
/// from quality results, and a reconciliation against Clinical's results.
public struct VBPRoutes: Sendable {
    let dependencies: AppDependencies

    struct ReconciliationBody: Decodable, Sendable {
        let periodStart: ServiceDate
        let periodEnd: ServiceDate
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("VBPContract", VBPContractView.schema)
        registry.component("VBPContractInput", VBPContractBody.schema)
        registry.component("VBPOutcome", VBPOutcomeView.schema)

        registry.add(router, .get, "/api/v1/vbp/contracts", summary: "The organization's VBP contracts",
                     permission: .vbpRead, response: .array(.ref("VBPContract"))) { _, context in
            let principal = try context.require(.vbpRead)
            let contracts = try await database.withTenant(principal.organizationID) { tx in try await VBPContracts.list(in: tx) }
            return JSONResponse(contracts.map(VBPContractView.init))
        }

        registry.add(router, .post, "/api/v1/vbp/contracts",
                     summary: "Create a VBP contract (payer, measure, performance period, target or tiers, incentive, withhold)",
                     permission: .vbpManage, request: .ref("VBPContractInput"), response: .ref("VBPContract"), status: 201) { request, context in
            let principal = try context.require(.vbpManage)
            let draft = try await request.decodeJSON(VBPContractBody.self, context: context).draft()
            let contract = try await database.withTenant(principal.organizationID) { tx in
                try await VBPContracts.create(draft, by: principal, in: tx)
            }
            return JSONResponse(VBPContractView(contract), status: .created)
        }

        registry.add(router, .get, "/api/v1/vbp/contracts/:id", summary: "One VBP contract",
                     permission: .vbpRead, response: .ref("VBPContract"), errors: [404]) { _, context in
            let principal = try context.require(.vbpRead)
            let id = try context.pathID("id")
            return JSONResponse(VBPContractView(try await database.withTenant(principal.organizationID) { tx in
                try await VBPContracts.find(id, in: tx)
            }))
        }

        registry.add(router, .put, "/api/v1/vbp/contracts/:id",
                     summary: "Replace a VBP contract's terms; `version` names the version changed (409 STALE_CONTRACT when it moved on)",
                     permission: .vbpManage, request: .ref("VBPContractInput"), response: .ref("VBPContract"), errors: [404, 409]) { request, context in
            let principal = try context.require(.vbpManage)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(VBPContractBody.self, context: context)
            guard let version = body.version else { throw DomainError.invalid("version", "An update names the version it was made from.", code: "MISSING_FIELD") }
            let draft = try body.draft()
            let contract = try await database.withTenant(principal.organizationID) { tx in
                try await VBPContracts.update(id, draft, expectedVersion: version, by: principal, in: tx)
            }
            return JSONResponse(VBPContractView(contract))
        }

        registry.add(router, .get, "/api/v1/vbp/outcomes",
                     summary: "Incentive earned, at-risk retained or lost and quality-adjusted revenue per contract and quality result",
                     permission: .vbpRead, response: .array(.ref("VBPOutcome")), errors: [422],
                     query: ReportingPeriodQuery.parameters + [QueryParameter("format", .string(enumeration: ["json", "csv"]), "csv answers text/csv")],
                     alternateResponses: [("text/csv", .string())]) { request, context in
            let principal = try context.require(.vbpRead)
            let format = try ComplianceReportRequest.format(request)
            let (period, rows) = try await database.withTenant(principal.organizationID) { tx in
                let period = try await ReportingPeriodQuery.parse(request, in: tx)
                return (period, try await VBPOutcomes.list(periodStart: period.start, periodEnd: period.end, in: tx).map(VBPOutcomeView.init))
            }
            guard format == "csv" else { return try JSONResponse(rows).response(from: request, context: context) }
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"vbp-\(period.start)-to-\(period.end).csv\"",
            ], body: .init(byteBuffer: ByteBuffer(string: VBPOutcomeCSV.render(rows))))
        }

        registry.add(router, .post, "/api/v1/vbp/reconciliations",
                     summary: "Apply any quality result Clinical holds that Finance has not received (as the event consumer would)",
                     permission: .vbpManage, request: .object([("period_start", .string(format: "date")), ("period_end", .string(format: "date"))],
                                                              required: ["period_start", "period_end"]),
                     response: .object([("results_checked", .integer), ("results_applied", .integer)], required: ["results_checked", "results_applied"])
        ) { request, context in
            let principal = try context.require(.vbpManage)
            let body = try await request.decodeJSON(ReconciliationBody.self, context: context)
            guard body.periodStart <= body.periodEnd else { throw DomainError.invalid("period_end", "period_end cannot be before period_start.") }
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await VBPReconciliation.run(periodStart: body.periodStart, periodEnd: body.periodEnd, by: principal, in: tx)
            })
        }
    }
}
