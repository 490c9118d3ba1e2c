import Clinical
import Foundation
public import Hummingbird
import NIOCore
import Platform

/// CL-15 / CL-35 quality measures: encounter-bundle intake, value sets, finalizing a period,
/// the stored results (and each as a FHIR MeasureReport), and today's care gaps.
public struct QualityMeasureRoutes: Sendable {
    let dependencies: AppDependencies

    struct PeriodBody: Decodable {
        let periodStart: ServiceDate
        let periodEnd: ServiceDate
    }

    struct ValueSetBody: Decodable {
        let csv: String
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database, bus = dependencies.bus
        registry.component("QualityResult", QualityResultView.schema)
        registry.component("CareGap", CareGapView.schema)

        registry.add(router, .post, "/api/v1/clinical/encounter-bundles",
                     summary: "Import a FHIR R4 Bundle of Encounter and Condition resources (Patient entries only to match MRNs); idempotent by Encounter.identifier; any refusal names entry and field and stores nothing",
                     permission: .qualityManage, request: .object([("resourceType", .string(enumeration: ["Bundle"])), ("entry", .array(.object([], required: [])))], required: ["resourceType"]),
                     response: .object([("created", .integer), ("updated", .integer), ("unchanged", .integer), ("diagnoses", .integer)],
                                       required: ["created", "updated", "unchanged", "diagnoses"])) { request, context in
            let principal = try context.require(.qualityManage)
            let data = try await request.bodyData(context: context)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await EncounterImport.importBundle(data, by: principal, in: tx)
            })
        }

        registry.add(router, .get, "/api/v1/clinical/quality/value-sets",
                     summary: "The value sets in effect: the organization's loaded lists, or the product's defaults from public codes",
                     permission: .qualityRead, response: .array(ValueSetView.schema)) { _, context in
            let principal = try context.require(.qualityRead)
            return JSONResponse(ValueSetView.all(try await database.withTenant(principal.organizationID) { tx in
                try await ValueSetStore.current(in: tx)
            }))
        }

        registry.add(router, .put, "/api/v1/clinical/quality/value-sets",
                     summary: "Load licensed value sets from CSV (value_set,code_system,code, the pattern below); each value set named replaces its default; rows in a code system the set does not select by are skipped",
                     permission: .qualityManage, request: .object([("csv", .string(pattern: ValueSetCSVFormat.pattern))], required: ["csv"]),
                     response: .object([("value_sets", .array(.string())), ("codes", .integer), ("skipped_rows", .integer)],
                                       required: ["value_sets", "codes", "skipped_rows"])) { request, context in
            let principal = try context.require(.qualityManage)
            let body = try await request.decodeJSON(ValueSetBody.self, context: context)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await ValueSetStore.load(csv: body.csv, by: principal, in: tx)
            })
        }

        registry.add(router, .post, "/api/v1/clinical/quality/periods",
                     summary: "Finalize a measurement period: compute every indicator, store it as the next calculation version and publish cl_quality_measure_period_calculated",
                     permission: .qualityManage,
                     request: .object([("period_start", .string(format: "date")), ("period_end", .string(format: "date"))], required: ["period_start", "period_end"]),
                     response: .array(.ref("QualityResult"))) { request, context in
            let principal = try context.require(.qualityManage)
            let body = try await request.decodeJSON(PeriodBody.self, context: context)
            let period = try MeasurementPeriod(start: body.periodStart, end: body.periodEnd)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await QualityPeriodFinalizer.finalize(period, bus: bus, by: principal, in: tx).map(QualityResultView.init)
            })
        }

        registry.add(router, .get, "/api/v1/clinical/quality/results",
                     summary: "The latest calculation of every indicator of every finalized period, newest period first",
                     permission: .qualityRead, response: .array(.ref("QualityResult"))) { _, context in
            let principal = try context.require(.qualityRead)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await QualityPeriodResults.latest(in: tx).map(QualityResultView.init)
            })
        }

        registry.add(router, .get, "/api/v1/clinical/quality/results/:id/measure-report",
                     summary: "One stored result as a FHIR R4 MeasureReport (summary) with its populations",
                     permission: .qualityRead, response: .object([("resourceType", .string(enumeration: ["MeasureReport"]))], required: ["resourceType"]),
                     responseContentType: "application/fhir+json", errors: [404]) { _, context in
            let principal = try context.require(.qualityRead)
            let id = try context.pathID("id")
            let result = try await database.withTenant(principal.organizationID) { tx in try await QualityPeriodResults.find(id, in: tx) }
            guard let result else { throw DomainError.notFound("quality-measure result") }
            return Response(status: .ok, headers: [.contentType: "application/fhir+json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: try MeasureReportExport.json(result))))
        }

        registry.add(router, .get, "/api/v1/clinical/quality/care-gaps",
                     summary: "Patients with a follow-up window open today (FUH after discharge, FUM after an ED visit) and no qualifying visit yet, most urgent first",
                     permission: .qualityRead, response: .array(.ref("CareGap"))) { _, context in
            let principal = try context.require(.qualityRead)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await CareGapView.load(in: tx) })
        }
    }
}
