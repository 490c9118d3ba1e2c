public import Foundation
public import Platform

/// An organization's service-code mappings and fee entries, indexed once for pure lookups (PM-07).
///
/// Lookup rule, for mappings and fees alike: an entry specific to the payer that is in force on the
/// date beats the organization-wide one; among entries of the same kind in force on the date, the
/// latest effective start wins, and on equal starts the earlier-listed entry wins. Periods are
/// inclusive at both ends.
public struct FeeSchedule: Sendable, Hashable {
    /// The mappings as given.
    public let mappings: [ServiceCodeMapping]
    /// The fee entries as given.
    public let fees: [FeeScheduleEntry]
    private let mappingIndex: DatedIndex<String>
    private let feeIndex: DatedIndex<Int>

    /// Builds the lookup indexes.
    public init(mappings: [ServiceCodeMapping] = [], fees: [FeeScheduleEntry] = []) {
        self.mappings = mappings
        self.fees = fees
        mappingIndex = DatedIndex(mappings.map {
            (key: .init(name: $0.serviceType, payerID: $0.payerID), period: $0.period, value: $0.procedureCode)
        })
        feeIndex = DatedIndex(fees.map {
            (key: .init(name: $0.procedureCode, payerID: $0.payerID), period: $0.period, value: $0.unitRateCents)
        })
    }

    /// The procedure code for a service type, payer and date of service, or `nil`.
    public func procedureCode(for serviceType: String, payer: UUID?, on date: ServiceDate) -> String? {
        resolveProcedureCode(for: serviceType, payer: payer, on: date).code
    }

    /// The procedure code with the reason when there is none. No allocation.
    public func resolveProcedureCode(for serviceType: String, payer: UUID?, on date: ServiceDate) -> ProcedureCodeResolution {
        switch mappingIndex.lookup(serviceType, payerID: payer, on: date) {
        case .found(let code): .code(code)
        case .notInForce: .noMappingOnDate
        case .notFound: .unmappedServiceType
        }
    }

    /// The unit rate in cents for a procedure code, payer and date of service, or `nil`. No allocation.
    public func unitRate(procedureCode: String, payer: UUID?, on date: ServiceDate) -> Int? {
        if case .found(let cents) = feeIndex.lookup(procedureCode, payerID: payer, on: date) { cents } else { nil }
    }

    /// Equal when built from the same entries in the same order.
    public static func == (lhs: FeeSchedule, rhs: FeeSchedule) -> Bool {
        lhs.mappings == rhs.mappings && lhs.fees == rhs.fees
    }

    /// Hashes the entries the schedule was built from.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(mappings)
        hasher.combine(fees)
    }
}
