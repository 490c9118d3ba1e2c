import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1` reads of a payer's group rules in every state, and the organization's PM module settings.
public struct BillingSettingsRoutes: Sendable {
    let dependencies: AppDependencies

    /// A payer's rules in every state it has them.
    struct PayerGroupRulesList: Encodable, Sendable {
        struct State: Encodable, Sendable {
            let stateCode: String
            let maxParticipantsPerSupervisor: Int?
            let bands: [GroupSizeBand]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(stateCode, forKey: .stateCode)
                // null, not absent: "no supervision rule in this state" is an answer.
                try container.encode(maxParticipantsPerSupervisor, forKey: .maxParticipantsPerSupervisor)
                try container.encode(bands, forKey: .bands)
            }
            enum CodingKeys: String, CodingKey { case stateCode, maxParticipantsPerSupervisor, bands }
        }
        let payerId: UUID
        let payerName: String
        let states: [State]
    }

    /// The module settings as the API shows them: every key, null when unset.
    struct ModuleSettingsView: Encodable, Sendable {
        let settings: ModuleSettings

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ModuleSettingsKey.self)
            try container.encode(settings.autoApplyU7, forKey: ModuleSettingsKey("autoApplyU7"))
            try container.encode(settings.autoApplyUB, forKey: ModuleSettingsKey("autoApplyUB"))
            try container.encode(settings.financialClearanceThreshold, forKey: ModuleSettingsKey("financialClearanceThreshold"))
        }
    }

    /// A partial update: keys left out keep their value; the threshold may be set to null (unset);
    /// an unknown key is refused naming it, so a misspelt setting never silently does nothing.
    struct ModuleSettingsBody: Decodable, Sendable {
        let change: ModuleSettingsChange

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: ModuleSettingsKey.self)
            var change = ModuleSettingsChange()
            for key in container.allKeys {
                switch key.stringValue {
                case "auto_apply_u7": change.autoApplyU7 = try container.decode(Bool.self, forKey: key)
                case "auto_apply_ub": change.autoApplyUB = try container.decode(Bool.self, forKey: key)
                case "financial_clearance_threshold":
                    change.financialClearanceThreshold = .some(try container.decodeNil(forKey: key) ? nil : container.decode(Int.self, forKey: key))
                default:
                    throw DomainError.invalid(key.stringValue, "Unknown module setting. Settings: \(ModuleSettingsKey.names.joined(separator: ", ")).",
                                              code: "UNKNOWN_SETTING")
                }
            }
            self.change = change
        }
    }

    struct ModuleSettingsKey: CodingKey {
        static let names = ["auto_apply_u7", "auto_apply_ub", "financial_clearance_threshold"]
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let moduleSettingsSchema: Schema = .object([
        ("auto_apply_u7", .boolean), ("auto_apply_ub", .boolean), ("financial_clearance_threshold", .nullable(.integer)),
    ], required: ModuleSettingsKey.names)

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        let band = Schema.object([("min_participants", .integer), ("max_participants", .integer), ("unit_rate_cents", .integer)],
                                 required: ["min_participants", "max_participants", "unit_rate_cents"])
        registry.add(router, .get, "/api/v1/payers/:id/group-rules",
                     summary: "A payer's supervision rule and group-size bands in every state it has rules for (what the preview and scrubber apply)",
                     permission: nil,
                     response: .object([("payer_id", .string(format: "uuid")), ("payer_name", .string()),
                                        ("states", .array(.object([("state_code", .string()), ("max_participants_per_supervisor", .nullable(.integer)),
                                                                   ("bands", .array(band))],
                                                                  required: ["state_code", "max_participants_per_supervisor", "bands"])))],
                                       required: ["payer_id", "payer_name", "states"]),
                     errors: [401, 404]) { _, context in
            let principal = try context.requirePrincipal()
            let payerID = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                let payer = try await Payers.find(payerID, in: tx)
                let states = try await Payers.groupRulesByState(payerID: payerID, in: tx)
                return PayerGroupRulesList(payerId: payer.id, payerName: payer.name, states: states.map {
                    .init(stateCode: $0.stateCode, maxParticipantsPerSupervisor: $0.rules.supervision?.maxParticipantsPerSupervisor, bands: $0.rules.bands)
                })
            })
        }

        registry.add(router, .get, "/api/v1/module-settings",
                     summary: "The organization's practice-management module settings (financial_clearance_threshold in cents, null for the $1,000 default)",
                     permission: nil, response: Self.moduleSettingsSchema, errors: [401]) { _, context in
            let principal = try context.requirePrincipal()
            return JSONResponse(ModuleSettingsView(settings: try await database.withTenant(principal.organizationID) { tx in
                try await ModuleSettings.load(in: tx)
            }))
        }

        registry.add(router, .put, "/api/v1/module-settings",
                     summary: "Change module settings: keys left out keep their value; an unknown key or a negative threshold answers 422 naming it",
                     permission: .billingRulesManage,
                     request: .closedObject([("auto_apply_u7", .boolean), ("auto_apply_ub", .boolean),
                                             ("financial_clearance_threshold", .nullable(.integerIn(0...Int.max)))],
                                            required: []),
                     response: Self.moduleSettingsSchema) { request, context in
            let principal = try context.require(.billingRulesManage)
            let body = try await request.decodeJSON(ModuleSettingsBody.self, context: context, snakeCaseKeys: false)
            return JSONResponse(ModuleSettingsView(settings: try await database.withTenant(principal.organizationID) { tx in
                try await ModuleSettings.update(body.change, by: principal, in: tx)
            }))
        }
    }
}
