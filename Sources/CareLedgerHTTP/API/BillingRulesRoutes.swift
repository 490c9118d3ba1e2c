import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1` billing configuration: the jurisdiction profile, payers, service-code mappings,
/// fee schedule entries and payer group rules.
public struct BillingRulesRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreatePayer: Decodable { let name: String; let payerCode: String; let claimFilingIndicator: String? }
    struct PayerFilingBody: Decodable { let claimFilingIndicator: String }
    struct CreateMapping: Decodable {
        let serviceType: String; let procedureCode: String; let payerId: UUID?; let effectiveFrom: String; let effectiveTo: String?
    }
    struct CreateFee: Decodable {
        let procedureCode: String; let payerId: UUID?; let unitRateCents: Int; let effectiveFrom: String; let effectiveTo: String?
    }
    struct GroupRulesBody: Decodable {
        struct Band: Decodable { let minParticipants: Int; let maxParticipants: Int; let unitRateCents: Int }
        let maxParticipantsPerSupervisor: Int?
        let bands: [Band]
    }
    struct GroupRulesView: Codable, Sendable {
        let payerId: UUID; let stateCode: String; let maxParticipantsPerSupervisor: Int?; let bands: [GroupSizeBand]
    }

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let jurisdictions = dependencies.jurisdictions
        registry.component("ModifierConvention", .object([("code", .string()), ("description", .string()), ("trigger", .string())],
                                                         required: ["code", "description", "trigger"]))
        registry.component("IOPPHPThresholds", .object(IOPPHPFields.names.map { ($0, .number) }, required: IOPPHPFields.names))
        registry.component("JurisdictionProfile", .object([
            ("display_name", .string()), ("state_code", .string()),
            ("billing", .object([("min_billable_minutes", .integer), ("timed_code_unit_minutes", .integer),
                                 ("modifier_conventions", .array(.ref("ModifierConvention")))], required: [])),
            ("clinical", .object([("iop_php_compliance", .object(IOPPHPFields.names.map { ($0, .number) }, required: []))], required: [])),
            ("financial_clearance_threshold", .integer),
        ], required: []))
        registry.component("Payer", .object([("id", .string(format: "uuid")), ("name", .string()), ("payer_code", .string()),
                                             ("claim_filing_indicator", Self.filingIndicatorSchema)],
                                            required: ["id", "name", "payer_code", "claim_filing_indicator"]))

        registry.add(router, .get, "/api/v1/billing-rules", summary: "Effective billing rules (optionally at ?site_id=), with fallbacks named",
                     permission: nil, response: EffectiveBillingRulesView.schema, errors: [404]) { request, context in
            let principal = try context.requirePrincipal()
            let site = try Self.siteParameter(request)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                if let site { try await Organizations.requireSite(site, in: tx) }
                return EffectiveBillingRulesView(await jurisdictions.resolve(siteID: site, in: tx))
            })
        }

        registry.add(router, .put, "/api/v1/jurisdiction-profile", summary: "Save the organization's (or ?site_id= a site's) jurisdiction profile",
                     permission: .billingRulesManage, request: .ref("JurisdictionProfile"), response: EffectiveBillingRulesView.schema,
                     errors: [404]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let site = try Self.siteParameter(request)
            let profile = try await request.decodeJSON(JurisdictionProfile.self, context: context, snakeCaseKeys: false)
            let resolved = try await database.withTenant(principal.organizationID) { tx in
                try await JurisdictionProfileStore.save(profile, siteID: site, by: principal, in: tx)
                return resolveJurisdictionProfile(siteProfile: site.map { SiteJurisdictionProfile(siteID: $0.uuidString.lowercased(), profile: profile) },
                                                  organizationProfile: site == nil ? profile : nil)
            }
            jurisdictions.invalidate(organizationID: principal.organizationID)
            return JSONResponse(EffectiveBillingRulesView(resolved))
        }

        registry.add(router, .get, "/api/v1/payers", summary: "Payers of the organization", permission: nil,
                     response: .array(.ref("Payer"))) { _, context in
            let principal = try context.requirePrincipal()
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await Payers.list(in: tx) })
        }

        registry.add(router, .post, "/api/v1/payers", summary: "Add a payer", permission: .billingRulesManage,
                     request: .object([("name", .text()), ("payer_code", .text()), ("claim_filing_indicator", Self.filingIndicatorSchema)],
                                      required: ["name", "payer_code"]),
                     response: .ref("Payer"), status: 201, errors: [409]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let body = try await request.decodeJSON(CreatePayer.self, context: context)
            let indicator = try body.claimFilingIndicator.map(Self.filingIndicator) ?? .medicaid
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Payers.create(name: body.name, payerCode: body.payerCode, claimFilingIndicator: indicator, by: principal, in: tx)
            }, status: .created)
        }

        registry.add(router, .put, "/api/v1/payers/:id/claim-filing-indicator",
                     summary: "Set the kind of coverage (837P SBR09) the payer's claims declare", permission: .billingRulesManage,
                     request: .object([("claim_filing_indicator", Self.filingIndicatorSchema)], required: ["claim_filing_indicator"]),
                     response: .ref("Payer"), errors: [404]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let payerID = try context.pathID("id")
            let body = try await request.decodeJSON(PayerFilingBody.self, context: context)
            let indicator = try Self.filingIndicator(body.claimFilingIndicator)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await Payers.setClaimFilingIndicator(indicator, payerID: payerID, by: principal, in: tx)
            })
        }

        registry.add(router, .post, "/api/v1/service-code-mappings", summary: "Map a service or group type to a procedure code",
                     permission: .billingRulesManage,
                     request: .object([("service_type", .string(length: 1...80)), ("procedure_code", .string(pattern: "^[A-Z0-9]{5}$")), ("payer_id", .string(format: "uuid")),
                                       ("effective_from", .string(format: "date")), ("effective_to", .string(format: "date"))],
                                      required: ["service_type", "procedure_code", "effective_from"]),
                     response: .object([("status", .string())], required: ["status"]), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let body = try await request.decodeJSON(CreateMapping.self, context: context)
            let (from, to) = try Self.period(body.effectiveFrom, body.effectiveTo)
            try await database.withTenant(principal.organizationID) { tx in
                try await FeeScheduleStore.addMapping(serviceType: body.serviceType, procedureCode: body.procedureCode, payerID: body.payerId,
                                                      effectiveFrom: from, effectiveTo: to, by: principal, in: tx)
            }
            return JSONResponse(["status": "created"], status: .created)
        }

        registry.add(router, .post, "/api/v1/fee-schedule-entries", summary: "Add a unit rate for a procedure code",
                     permission: .billingRulesManage,
                     request: .object([("procedure_code", .string(pattern: "^[A-Z0-9]{5}$")), ("payer_id", .string(format: "uuid")),
                                       ("unit_rate_cents", .integerIn(0...10_000_000)),
                                       ("effective_from", .string(format: "date")), ("effective_to", .string(format: "date"))],
                                      required: ["procedure_code", "unit_rate_cents", "effective_from"]),
                     response: .object([("status", .string())], required: ["status"]), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let body = try await request.decodeJSON(CreateFee.self, context: context)
            let (from, to) = try Self.period(body.effectiveFrom, body.effectiveTo)
            try await database.withTenant(principal.organizationID) { tx in
                try await FeeScheduleStore.addFee(procedureCode: body.procedureCode, payerID: body.payerId, unitRateCents: body.unitRateCents,
                                                  effectiveFrom: from, effectiveTo: to, by: principal, in: tx)
            }
            return JSONResponse(["status": "created"], status: .created)
        }

        registry.add(router, .put, "/api/v1/payers/:id/group-rules/:state", summary: "Replace a payer's supervision rule and group-size bands in a state",
                     permission: .billingRulesManage,
                     request: .object([("max_participants_per_supervisor", .integerIn(1...Int.max)),
                                       ("bands", .array(.object([("min_participants", .integerIn(1...Int.max)), ("max_participants", .integerIn(1...Int.max)),
                                                                 ("unit_rate_cents", .integerIn(0...10_000_000))],
                                                                required: ["min_participants", "max_participants", "unit_rate_cents"])))],
                                      required: ["bands"]),
                     response: .object([("payer_id", .string(format: "uuid")), ("state_code", .string()),
                                        ("max_participants_per_supervisor", .nullable(.integer)), ("bands", .array(.object([], required: [])))],
                                       required: ["payer_id", "state_code", "bands"]), errors: [404]) { request, context in
            let principal = try context.require(.billingRulesManage)
            let payer = try context.pathID("id")
            let state = context.parameters.get("state") ?? ""
            let body = try await request.decodeJSON(GroupRulesBody.self, context: context)
            let bands = body.bands.map { GroupSizeBand(minParticipants: $0.minParticipants, maxParticipants: $0.maxParticipants, unitRateCents: $0.unitRateCents) }
            let rules = try await database.withTenant(principal.organizationID) { tx in
                try await Payers.replaceGroupRules(payerID: payer, stateCode: state, maxParticipantsPerSupervisor: body.maxParticipantsPerSupervisor,
                                                   bands: bands, by: principal, in: tx)
            }
            return JSONResponse(GroupRulesView(payerId: payer, stateCode: state,
                                               maxParticipantsPerSupervisor: rules.supervision?.maxParticipantsPerSupervisor, bands: rules.bands))
        }
    }

    static let filingIndicatorSchema = Schema.string(enumeration: ClaimFilingIndicator.allCases.map(\.rawValue))

    /// A claim filing indicator code, or 422 naming the field with the codes allowed.
    static func filingIndicator(_ raw: String) throws -> ClaimFilingIndicator {
        guard let indicator = ClaimFilingIndicator(rawValue: raw) else {
            throw DomainError.invalid("claim_filing_indicator",
                                      "Use an 837P claim filing indicator code: \(ClaimFilingIndicator.allCases.map(\.rawValue).joined(separator: ", ")) (MC is Medicaid, CI commercial).")
        }
        return indicator
    }

    static func siteParameter(_ request: Request) throws -> UUID? {
        guard let raw = request.uri.queryParameters["site_id"] else { return nil }
        guard let id = UUID(uuidString: String(raw)) else { throw DomainError.invalid("site_id", "site_id is a UUID.") }
        return id
    }

    /// Parses the period's dates (the rule that it must not end before it starts is the store's).
    static func period(_ from: String, _ to: String?) throws -> (ServiceDate, ServiceDate?) {
        guard let start = ServiceDate(from) else { throw DomainError.invalid("effective_from", "Use the form YYYY-MM-DD.") }
        guard let to else { return (start, nil) }
        guard let end = ServiceDate(to) else { throw DomainError.invalid("effective_to", "Use the form YYYY-MM-DD.") }
        return (start, end)
    }
}

enum IOPPHPFields {
    static let names = ["iop_min_hours_per_week", "iop_min_days_per_week", "iop_min_hours_per_day",
                        "php_min_hours_per_week", "php_min_days_per_week", "php_min_hours_per_day"]
}
