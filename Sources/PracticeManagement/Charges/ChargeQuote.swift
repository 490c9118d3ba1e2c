import Platform

/// What the rules decide for an encounter, before anything is saved: the preview's answer.
public struct ChargeQuote: Sendable, Codable, Equatable {
    public let billable: Bool
    public let procedureCode: String?
    public let modifiers: [String]
    public let units: Int?
    public let unitRateCents: Int?
    public let amountCents: Int?
    /// Why the encounter cannot become a charge; empty when it can.
    public let problems: [ChargeProblem]
    /// `site:<id>`, `organization` or `defaults`.
    public let profileSource: String
    public let programLabel: String
    /// Rule values that came from the AHCCCS defaults (field paths).
    public let fallbackFields: [String]

    init(_ evaluation: ChargeEvaluation, jurisdiction: ResolvedJurisdiction) {
        var problems: [ChargeProblem] = []
        switch evaluation.procedureCode {
        case .code: break
        case .unmappedServiceType: problems.append(.init(code: "UNMAPPED_SERVICE_TYPE", message: "The service type has no procedure code mapping."))
        case .noMappingOnDate: problems.append(.init(code: "NO_MAPPING_ON_DATE", message: "No procedure code mapping is in force on the date of service."))
        }
        if case .notBillable(let reason) = evaluation.units {
            problems.append(.init(code: "BELOW_MINIMUM_DURATION", message: reason.description))
        }
        if case .notPriced(.noFeeScheduleEntry) = evaluation.pricing {
            problems.append(.init(code: "NO_FEE_SCHEDULE_ENTRY", message: "The procedure code has no rate in force for this payer on the date of service."))
        } else if case .notPriced(.amountOverflow) = evaluation.pricing {
            problems.append(.init(code: "AMOUNT_OVERFLOW", message: "Units times rate is too large."))
        }
        billable = problems.isEmpty
        procedureCode = evaluation.procedureCode.code
        modifiers = evaluation.modifiers.codes
        units = evaluation.units.units
        if case .priced(let rate, let amount) = evaluation.pricing {
            unitRateCents = rate
            amountCents = amount
        } else {
            unitRateCents = nil
            amountCents = nil
        }
        self.problems = problems
        profileSource = evaluation.source.recordValue
        programLabel = jurisdiction.displayName
        fallbackFields = evaluation.fallbacks.map(\.rawValue).sorted()
    }
}

/// One reason an encounter cannot be charged, with a stable code.
public struct ChargeProblem: Sendable, Codable, Hashable {
    public let code: String
    public let message: String
}
