import Foundation
public import Hummingbird
import Platform
import PracticeManagement

/// `/api/v1` assistance-program referrals (PM-02 via PM-32): open, list, read and move them;
/// an approval links a coverage and answers with its eligibility check.
public struct AssistanceReferralRoutes: Sendable {
    let dependencies: AppDependencies

    struct CreateBody: Decodable { let program: String }
    struct MoveBody: Decodable { let status: String; let version: Int; let policyId: UUID? }

    /// A referral as the API shows it; with the coverage's eligibility after an approval.
    struct ReferralView: Encodable, Sendable {
        struct Eligibility: Encodable, Sendable { let date: String; let eligible: Bool; let reasons: [String] }
        let id: UUID
        let patientId: UUID
        let program: String
        let applicationStatus: String
        let policyId: UUID?
        let identifiedAt: Date
        let referredAt: Date?
        let applicationSubmittedAt: Date?
        let approvedAt: Date?
        let deniedAt: Date?
        let withdrawnAt: Date?
        let version: Int
        let legalNextStatuses: [String]
        let eligibility: Eligibility?

        init(_ referral: AssistanceReferral, eligibility: CoverageEligibility? = nil) {
            id = referral.id
            patientId = referral.patientID
            program = referral.program.rawValue
            applicationStatus = referral.applicationStatus.rawValue
            policyId = referral.policyID
            identifiedAt = referral.identifiedAt
            referredAt = referral.referredAt
            applicationSubmittedAt = referral.applicationSubmittedAt
            approvedAt = referral.approvedAt
            deniedAt = referral.deniedAt
            withdrawnAt = referral.withdrawnAt
            version = referral.version
            legalNextStatuses = referral.applicationStatus.legalNextStates.map(\.rawValue)
            self.eligibility = eligibility.map { Eligibility(date: $0.date.description, eligible: $0.isEligible, reasons: $0.reasons.map(\.rawValue)) }
        }
    }

    static let statuses = AssistanceReferralStatus.allCases.map(\.rawValue)
    static let programs = AssistanceProgram.allCases.map(\.rawValue)
    static let referralSchema: Schema = .object([
        ("id", .string(format: "uuid")), ("patient_id", .string(format: "uuid")), ("program", .string(enumeration: programs)),
        ("application_status", .string(enumeration: statuses)), ("policy_id", .string(format: "uuid")),
        ("identified_at", .string(format: "date-time")), ("referred_at", .string(format: "date-time")),
        ("application_submitted_at", .string(format: "date-time")), ("approved_at", .string(format: "date-time")),
        ("denied_at", .string(format: "date-time")), ("withdrawn_at", .string(format: "date-time")), ("version", .integer),
        ("legal_next_statuses", .array(.string(enumeration: statuses))),
        ("eligibility", .object([("date", .string(format: "date")), ("eligible", .boolean),
                                 ("reasons", .array(.string(enumeration: CoverageIneligibility.allCases.map(\.rawValue))))],
                                required: ["date", "eligible", "reasons"])),
    ], required: ["id", "patient_id", "program", "application_status", "identified_at", "version", "legal_next_statuses"])

    public func register(on router: Router<AppRequestContext>, registry: APIRegistry) {
        let database = dependencies.database
        registry.component("AssistanceReferral", Self.referralSchema)

        registry.add(router, .post, "/api/v1/patients/:id/assistance-referrals", summary: "Refer a patient to an assistance program (status identified)",
                     permission: .financialCounselingManage, request: .object([("program", .string(enumeration: Self.programs))], required: ["program"]),
                     response: .ref("AssistanceReferral"), status: 201, errors: [404]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let patient = try context.pathID("id")
            let body = try await request.decodeJSON(CreateBody.self, context: context)
            guard let program = AssistanceProgram(rawValue: body.program) else {
                throw DomainError.invalid("program", "Use one of: \(Self.programs.joined(separator: ", ")).")
            }
            return JSONResponse(ReferralView(try await database.withTenant(principal.organizationID) { tx in
                try await AssistanceReferrals.create(patientID: patient, program: program, by: principal, in: tx)
            }), status: .created)
        }

        registry.add(router, .get, "/api/v1/patients/:id/assistance-referrals", summary: "A patient's assistance-program referrals, newest first",
                     permission: .financialCounselingView, response: .array(.ref("AssistanceReferral")), errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let patient = try context.pathID("id")
            return JSONResponse(try await database.withTenant(principal.organizationID) { tx in
                try await AssistanceReferrals.list(patientID: patient, in: tx).map { ReferralView($0) }
            })
        }

        registry.add(router, .get, "/api/v1/assistance-referrals/:id", summary: "One assistance-program referral",
                     permission: .financialCounselingView, response: .ref("AssistanceReferral"), errors: [404]) { _, context in
            let principal = try context.require(.financialCounselingView)
            let id = try context.pathID("id")
            return JSONResponse(ReferralView(try await database.withTenant(principal.organizationID) { tx in
                try await AssistanceReferrals.find(id, in: tx)
            }))
        }

        registry.add(router, .post, "/api/v1/assistance-referrals/:id/status",
                     summary: "Move a referral (identified → referred → application_submitted → approved | denied; withdrawn before a decision). "
                        + "An approval names policy_id, a coverage of the patient, and runs its eligibility check; 409 ILLEGAL_TRANSITION or STALE_REFERRAL",
                     permission: .financialCounselingManage,
                     request: .object([("status", .string(enumeration: Self.statuses)), ("version", .integer), ("policy_id", .string(format: "uuid"))],
                                      required: ["status", "version"]),
                     response: .ref("AssistanceReferral"), errors: [404, 409]) { request, context in
            let principal = try context.require(.financialCounselingManage)
            let id = try context.pathID("id")
            let body = try await request.decodeJSON(MoveBody.self, context: context)
            guard let status = AssistanceReferralStatus(rawValue: body.status) else {
                throw DomainError.invalid("status", "Use one of: \(Self.statuses.joined(separator: ", ")).")
            }
            let move = try await database.withTenant(principal.organizationID) { tx in
                try await AssistanceReferrals.move(id, to: status, expectedVersion: body.version, policyID: body.policyId, by: principal, in: tx)
            }
            return JSONResponse(ReferralView(move.referral, eligibility: move.eligibility))
        }
    }
}
