import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1/…` for financial counseling (PM-32, PM-21, PM-16): sessions and the FPL preview,
/// sliding-fee schedules and tiers, charity care, payments, statements and guideline import.
/// The cores' functions decide everything; these routes check permissions and decode bodies.
public struct FinancialCounselingRoutes: Sendable {
    let dependencies: AppDependencies

    struct SessionBody: Decodable {
        let session: CounselingSessionInput
        let form: CounselingFormInput?
        let version: Int?

        enum CodingKeys: String, CodingKey { case form, version }

        init(from decoder: any Decoder) throws {
            session = try CounselingSessionInput(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            form = try container.decodeIfPresent(CounselingFormInput.self, forKey: .form)
            version = try container.decodeIfPresent(Int.self, forKey: .version)
        }
    }

    struct PreviewBody: Decodable {
        let householdSize: Int
        let incomeSources: [IncomeSourceInput]?
        let annualIncomeCents: Int?
        let date: String
        let state: String?

        enum CodingKeys: String, CodingKey {
            case householdSize = "household_size", incomeSources = "income_sources", annualIncomeCents = "annual_income_cents", date, state
        }
    }

    struct ApproveBody: Decodable {
        let discountPercent: Int
        let expirationDate: ServiceDate?
        enum CodingKeys: String, CodingKey { case discountPercent = "discount_percent", expirationDate = "expiration_date" }
    }

    struct DenyBody: Decodable {
        let denialReason: String
        enum CodingKeys: String, CodingKey { case denialReason = "denial_reason" }
    }

    struct PaymentBody: Decodable {
        let receivedOn: ServiceDate
        let amountCents: Int
        let method: String
        enum CodingKeys: String, CodingKey { case receivedOn = "received_on", amountCents = "amount_cents", method }
    }

    struct Created: Encodable, Sendable { let id: UUID }

    static let incomeSource = Schema.object([("kind", .string(enumeration: IncomeKind.allCases.map(\.rawValue))),
                                             ("amount_cents", .integerIn(0...IncomeSource.maximumAmountCents)),
                                             ("frequency", .string(enumeration: IncomeFrequency.allCases.map(\.rawValue)))],
                                            required: ["kind", "amount_cents", "frequency"])
    static let sessionInput: [(String, Schema)] = [
        ("session_date", .string(format: "date")), ("household_size", .integerIn(1...50)), ("income_sources", .arrayOf(incomeSource, count: 0...30)),
        ("income_verified_at", .nullable(.string(format: "date-time"))), ("assets_noted_cents", .nullable(.integerIn(0...Int.max))),
        ("counselor_notes", .nullable(.string(length: 0...4000))),
    ]
    static let slidingFeeClass = Schema.object([("label", .string()), ("min_fpl", .number), ("max_fpl", .number),
                                                ("discount_percent", .nullable(.integer)), ("nominal_fee_cents", .nullable(.integer))],
                                               required: ["label", "min_fpl", "max_fpl"])
    /// A class as `SlidingFeeSchedule.validate` accepts it alone; how classes tile 0-200 % FPL is a rule between them.
    static let newSlidingFeeClass = Schema.object([("label", .text(1...40)), ("min_fpl", .numberIn(0...Int(FPLPercentage.largestPercent))),
                                                   ("max_fpl", .numberIn(0...Int(FPLPercentage.largestPercent))),
                                                   ("discount_percent", .nullable(.integerIn(0...100))), ("nominal_fee_cents", .nullable(.integerIn(0...1_000_000)))],
                                                  required: ["label", "min_fpl", "max_fpl"])

    /// `PovertyGuidelineImport` as `guidelines()` checks it: every region named, none other, amounts within their range.
    static let povertyGuidelineImport: Schema = {
        let amounts = Schema.object([("first_person_cents", .integerIn(1...100_000_000)), ("additional_person_cents", .integerIn(1...100_000_000))],
                                    required: ["first_person_cents", "additional_person_cents"])
        let regions = PovertyGuidelineRegion.allCases.map(\.rawValue)
        return .object([("year", .integerIn(2000...2100)), ("effective_from", .string(format: "date")), ("source", .text(1...300)),
                        ("regions", .closedObject(regions.map { ($0, amounts) }, required: regions))],
                       required: ["year", "effective_from", "source", "regions"])
    }()

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("CounselingSession", .object([("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid"))] + Self.sessionInput + [
            ("annual_income_cents", .integer), ("guideline_year", .integer), ("guideline_region", .string(enumeration: ["contiguous", "alaska", "hawaii"])),
            ("fpl_percentage", .number), ("income_verified_by", .nullable(.string(format: "uuid"))), ("form_snapshot", .nullable(.object([], required: []))),
            ("version", .integer)], required: ["id", "patient_id", "session_date", "household_size", "fpl_percentage", "version"]))
        registry.component("SlidingFeeClass", Self.slidingFeeClass)
        registry.component("SlidingFeeTier", .object([("patient_id", .string(format: "uuid")), ("session_id", .nullable(.string(format: "uuid"))),
                                                      ("fpl_percentage", .nullable(.number)), ("income_verified", .boolean), ("tier", .nullable(.ref("SlidingFeeClass")))],
                                                     required: ["patient_id", "income_verified"]))
        registry.component("CharityCareApplication", .object([
            ("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("session_id", .string(format: "uuid")),
            ("status", .string(enumeration: CharityCareStatus.allCases.map(\.rawValue))), ("submitted_at", .string(format: "date-time")),
            ("approved_at", .nullable(.string(format: "date-time"))), ("approved_by", .nullable(.string(format: "uuid"))), ("discount_percent", .nullable(.integer)),
            ("expiration_date", .nullable(.string(format: "date"))), ("denied_at", .nullable(.string(format: "date-time"))), ("denial_reason", .nullable(.string())),
            ("version", .integer)], required: ["id", "patient_id", "session_id", "status", "version"]))
        registry.component("PatientStatement", .object([
            ("patient_id", .string(format: "uuid")), ("period_from", .string(format: "date")), ("period_to", .string(format: "date")),
            ("statement_date", .string(format: "date")), ("tier", .ref("SlidingFeeTier")), ("charity_indicator", .boolean),
            ("charity", .nullable(.object([("application_id", .string(format: "uuid")), ("discount_percent", .integer), ("expiration_date", .string(format: "date"))],
                                          required: ["application_id", "discount_percent", "expiration_date"]))),
            ("previous_balance_cents", .integer),
            ("lines", .array(.object([("charge_id", .string(format: "uuid")), ("service_date", .string(format: "date")), ("procedure_code", .string()),
                                      ("charge_cents", .integer), ("sliding_fee_class", .nullable(.string())),
                                      ("pricing", .object([("patient_responsibility_cents", .integer), ("sliding_fee_adjustment_cents", .integer),
                                                           ("charity_adjustment_cents", .integer), ("due_cents", .integer)], required: ["due_cents"]))],
                                     required: ["charge_id", "service_date", "pricing"]))),
            ("payments_cents", .integer), ("sliding_fee_adjustment_cents", .integer), ("charity_adjustment_cents", .integer), ("balance_cents", .integer)],
            required: ["patient_id", "period_from", "period_to", "charity_indicator", "lines", "balance_cents"]))

        registry.add(router, .get, "/api/v1/patients/:id/financial-counseling/sessions", summary: "A patient's financial counseling sessions, newest first",
                     permission: .financialCounselingView, response: .array(.ref("CounselingSession")), errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let patient = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await CounselingSessions.list(patientID: patient, in: tx) })
        }
        registry.add(router, .post, "/api/v1/patients/:id/financial-counseling/sessions",
                     summary: "Record a counseling session: household, income (annualized), FPL % on the HHS table in effect; optionally on a form version",
                     permission: .financialCounselingManage,
                     request: .object(Self.sessionInput + [("form", .nullable(.object([("form_id", .string(format: "uuid")), ("version", .integer),
                                                                                       ("answers", .object([], required: []))], required: ["form_id", "version", "answers"])))],
                                      required: ["session_date", "household_size", "income_sources"]),
                     response: .ref("CounselingSession"), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let patient = try context.pathID("id")
            let body = try await request.decodeJSON(SessionBody.self, context: context, snakeCaseKeys: false)
            let session = try await database.withTenant(principal.organizationID) { tx in
                try await CounselingSessions.create(patientID: patient, body.session, form: body.form, by: principal, in: tx)
            }
            return JSONResponse(session, status: .created)
        }
        registry.add(router, .get, "/api/v1/financial-counseling/sessions/:id", summary: "One counseling session",
                     permission: .financialCounselingView, response: .ref("CounselingSession"), errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let id = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await CounselingSessions.find(id, in: tx) })
        }
        registry.add(router, .put, "/api/v1/financial-counseling/sessions/:id",
                     summary: "Replace a session's household, income and notes (the form snapshot never changes); 409 on a stale version",
                     permission: .financialCounselingManage,
                     request: .object(Self.sessionInput + [("version", .integer)], required: ["session_date", "household_size", "income_sources", "version"]),
                     response: .ref("CounselingSession"), errors: [404, 409]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(SessionBody.self, context: context, snakeCaseKeys: false)
            guard let version = body.version else { throw DomainError.invalid("version", "Send the version you read.", code: "MISSING_FIELD") }
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await CounselingSessions.update(id, expectedVersion: version, body.session, by: principal, in: tx)
            })
        }
        registry.add(router, .post, "/api/v1/financial-counseling/fpl-preview",
                     summary: "FPL % and sliding-fee tier for a household, its income, a date and a state; writes nothing",
                     permission: .financialCounselingView,
                     request: .oneOf([
                                        .object([("household_size", .integerIn(1...50)), ("income_sources", .array(Self.incomeSource)),
                                                 ("date", .string(format: "date")), ("state", .string(pattern: "^[A-Z]{2}$"))],
                                                required: ["household_size", "income_sources", "date"]),
                                        .object([("household_size", .integerIn(1...50)), ("annual_income_cents", .integerIn(0...IncomeSource.maximumAmountCents)),
                                                 ("date", .string(format: "date")), ("state", .string(pattern: "^[A-Z]{2}$"))],
                                                required: ["household_size", "annual_income_cents", "date"]),
                                     ]),
                     response: .object([("annual_income_cents", .integer), ("household_size", .integer), ("guideline_year", .integer),
                                        ("guideline_region", .string()), ("guideline_cents", .integer), ("fpl_percentage", .number),
                                        ("tier", .nullable(.ref("SlidingFeeClass")))], required: ["fpl_percentage", "guideline_year"])) { request, context in
            let principal = try context.require(.financialCounselingView)
            let body = try await request.decodeJSON(PreviewBody.self, context: context, snakeCaseKeys: false)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await FPLPreview.compute(householdSize: body.householdSize, incomeSources: body.incomeSources, annualIncomeCents: body.annualIncomeCents,
                                             date: body.date, stateCode: body.state, in: tx)
            })
        }
        registry.add(router, .get, "/api/v1/patients/:id/sliding-fee-tier", summary: "A patient's sliding-fee tier from the authoritative FPL",
                     permission: .financialCounselingView, response: .ref("SlidingFeeTier"), errors: [404, 422],
                     query: [QueryParameter("date", .string(format: "date"), "The schedule version in effect on this date (default: the organization's today).")]) { request, context in
            let principal = try context.require(.financialCounselingView)
            let patient = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                let date = try await Self.date(request, "date", in: tx)
                return try await PatientSlidingFeeTiers.forPatient(patient, on: date, in: tx)
            })
        }
        registry.add(router, .get, "/api/v1/sliding-fee-schedules", summary: "The organization's sliding-fee schedule versions, oldest first",
                     permission: .financialCounselingView,
                     response: .array(.object([("effective_from", .string(format: "date")), ("classes", .array(.ref("SlidingFeeClass")))],
                                              required: ["effective_from", "classes"]))) { _, context in
            let principal = try context.require(.financialCounselingView)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await SlidingFeeSchedules.versions(in: tx) })
        }
        registry.add(router, .post, "/api/v1/sliding-fee-schedules",
                     summary: "Save a new schedule version (HRSA shape: 0-200 % without gap or overlap, full or nominal at or below 100 %); it takes effect today or later",
                     permission: .billingRulesManage,
                     request: .object([("effective_from", .string(format: "date")), ("classes", .arrayOf(Self.newSlidingFeeClass, count: 1...20))],
                                      required: ["effective_from", "classes"]),
                     response: .object([("id", .string(format: "uuid"))], required: ["id"]), status: 201) { request, context in
            let principal = try context.require(.billingRulesManage)
            let schedule = try await request.decodeJSON(SlidingFeeSchedule.self, context: context, snakeCaseKeys: false)
            let id = try await database.withTenant(principal.organizationID) { tx in try await SlidingFeeSchedules.save(schedule, by: principal, in: tx) }
            return JSONResponse(Created(id: id), status: .created)
        }
        registerCharityAndStatements(on: router, registry: registry)
    }

    private func registerCharityAndStatements(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.add(router, .post, "/api/v1/financial-counseling/sessions/:id/charity-care-applications",
                     summary: "Submit a charity care application from a counseling session", permission: .financialCounselingManage,
                     response: .ref("CharityCareApplication"), status: 201, errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingManage)
            let session = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await CharityCareApplications.submit(sessionID: session, by: principal, in: tx)
            }, status: .created)
        }
        registry.add(router, .get, "/api/v1/patients/:id/charity-care-applications", summary: "A patient's charity care applications, newest first",
                     permission: .financialCounselingView, response: .array(.ref("CharityCareApplication")), errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let patient = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await CharityCareApplications.list(patientID: patient, in: tx)
            })
        }
        registry.add(router, .post, "/api/v1/charity-care-applications/:id/approve",
                     summary: "Approve a submitted application with a discount; expires 12 months later unless a date is given (supervisor)",
                     permission: .financialCounselingApproveCharity,
                     request: .object([("discount_percent", .integerIn(1...100)), ("expiration_date", .nullable(.string(format: "date")))], required: ["discount_percent"]),
                     response: .ref("CharityCareApplication"), errors: [404, 409]) { request, context in
            let principal = try context.require(.financialCounselingApproveCharity)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(ApproveBody.self, context: context, snakeCaseKeys: false)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await CharityCareApplications.approve(id, discountPercent: body.discountPercent, expirationDate: body.expirationDate, by: principal, in: tx)
            })
        }
        registry.add(router, .post, "/api/v1/charity-care-applications/:id/deny", summary: "Deny a submitted application with a reason (supervisor)",
                     permission: .financialCounselingApproveCharity, request: .object([("denial_reason", .text(1...500))], required: ["denial_reason"]),
                     response: .ref("CharityCareApplication"), errors: [404, 409]) { request, context in
            let principal = try context.require(.financialCounselingApproveCharity)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(DenyBody.self, context: context, snakeCaseKeys: false)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await CharityCareApplications.deny(id, reason: body.denialReason, by: principal, in: tx)
            })
        }
        registry.add(router, .post, "/api/v1/patients/:id/payments", summary: "Record a patient payment toward statement balances",
                     permission: .financialCounselingManage,
                     request: .object([("received_on", .string(format: "date")), ("amount_cents", .integerIn(1...100_000_000)),
                                       ("method", .string(enumeration: PatientPaymentMethod.allCases.map(\.rawValue)))], required: ["received_on", "amount_cents", "method"]),
                     response: .object([("id", .string(format: "uuid"))], required: ["id"]), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let patient = try context.pathID("id")
            let body = try await request.decodeJSON(PaymentBody.self, context: context, snakeCaseKeys: false)
            guard let method = PatientPaymentMethod(rawValue: body.method) else {
                throw DomainError.invalid("method", "Method is one of \(PatientPaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let id = try await database.withTenant(principal.organizationID) { tx in
                try await PatientPayments.record(patientID: patient, receivedOn: body.receivedOn, amountCents: body.amountCents, method: method, by: principal, in: tx)
            }
            return JSONResponse(Created(id: id), status: .created)
        }
        registry.add(router, .get, "/api/v1/patients/:id/statement",
                     summary: "A patient statement: the period's self-pay charges with sliding-fee and charity adjustments, payments and the balance",
                     permission: .financialCounselingView, response: .ref("PatientStatement"), errors: [404, 422],
                     query: [QueryParameter("from", .string(format: "date"), "First day of the period.", required: true),
                             QueryParameter("to", .string(format: "date"), "Last day of the period, not before from.", required: true)]) { request, context in
            let principal = try context.require(.financialCounselingView)
            let patient = try context.pathID("id")
            let (from, to) = try Self.period(request)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await PatientStatements.statement(patientID: patient, from: from, to: to, in: tx)
            })
        }
        registry.add(router, .post, "/api/v1/poverty-guidelines",
                     summary: "Import a year of HHS poverty guidelines (all three regions), effective on a date within that year; a stored year is never replaced",
                     permission: .organizationManage,
                     request: Self.povertyGuidelineImport,
                     response: .array(.object([("year", .integer), ("region", .string()), ("effective_from", .string(format: "date")),
                                               ("first_person_cents", .integer), ("additional_person_cents", .integer)], required: ["year", "region"])),
                     status: 201, errors: [409]) { request, context in
            let principal = try context.require(.organizationManage)
            let file = try await request.decodeJSON(PovertyGuidelineImport.self, context: context, snakeCaseKeys: false)
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in try await PovertyGuidelines.add(file, by: principal, in: tx) },
                                status: .created)
        }
    }

    /// A date query parameter, or the organization's today.
    static func date(_ request: Request, _ name: String, in tx: TenantTransaction) async throws -> ServiceDate {
        if let raw = request.uri.queryParameters[Substring(name)] {
            guard let date = ServiceDate(String(raw)) else { throw DomainError.invalid(name, "Use the form YYYY-MM-DD.") }
            return date
        }
        return ServiceDate.today(in: try await Organizations.timeZone(facility: nil, in: tx))
    }

    /// `from` and `to`, both required.
    static func period(_ request: Request) throws -> (ServiceDate, ServiceDate) {
        let query = request.uri.queryParameters
        guard let from = query["from"].flatMap({ ServiceDate(String($0)) }) else { throw DomainError.invalid("from", "from is a date, YYYY-MM-DD.") }
        guard let to = query["to"].flatMap({ ServiceDate(String($0)) }) else { throw DomainError.invalid("to", "to is a date, YYYY-MM-DD.") }
        return (from, to)
    }
}
