import Foundation
public import Platform

/// A version of an organization's sliding-fee discount schedule (PM-21), in effect from its date
/// until the next version's.
public struct SlidingFeeSchedule: Sendable, Equatable, Codable {
    public let effectiveFrom: ServiceDate
    public let classes: [SlidingFeeClass]

    enum CodingKeys: String, CodingKey { case effectiveFrom = "effective_from", classes }

    public init(effectiveFrom: ServiceDate, classes: [SlidingFeeClass]) {
        self.effectiveFrom = effectiveFrom
        self.classes = classes
    }

    static let fullPoverty = FPLPercentage(hundredths: 100_00)
    static let discountCeiling = FPLPercentage(hundredths: 200_00)

    /// The HRSA shape: classes cover 0 % to 200 % FPL with no gap or overlap (at two decimals a
    /// class starts 0.01 above the previous one's end), every class reaching at or below 100 %
    /// gives a full discount or a nominal fee, and nothing is discounted above 200 %.
    public func validate() throws {
        guard !classes.isEmpty else { throw DomainError.invalid("classes", "A schedule needs at least one class.") }
        guard classes.count <= 20 else { throw DomainError.invalid("classes", "A schedule has at most 20 classes.") }
        let ordered = classes.enumerated().sorted { $0.element.minFPL < $1.element.minFPL }
        var previousEnd: FPLPercentage?
        for (index, item) in ordered {
            let field = "classes[\(index)]"
            let label = item.label.trimmingCharacters(in: .whitespaces)
            guard (1...40).contains(label.count) else { throw DomainError.invalid("\(field).label", "A class needs a label of at most 40 characters.") }
            guard item.maxFPL >= item.minFPL else { throw DomainError.invalid("\(field).max_fpl", "A class ends before it starts.") }
            switch item.charge {
            case .discountPercent(let percent):
                guard (0...100).contains(percent) else { throw DomainError.invalid("\(field).discount_percent", "A discount is 0 to 100 percent.") }
            case .nominalFee(let cents):
                guard (0...1_000_000).contains(cents) else { throw DomainError.invalid("\(field).nominal_fee_cents", "A nominal fee is 0 to 1,000,000 cents.") }
            }
            let expectedStart = previousEnd.map { FPLPercentage(hundredths: $0.hundredths + 1) } ?? FPLPercentage(hundredths: 0)
            if item.minFPL > expectedStart {
                throw DomainError.invalid("\(field).min_fpl", "The schedule leaves FPL \(expectedStart) % to \(FPLPercentage(hundredths: item.minFPL.hundredths - 1)) % without a class.",
                                          code: "SLIDING_FEE_GAP")
            }
            if item.minFPL < expectedStart {
                throw DomainError.invalid("\(field).min_fpl", "The class starting at \(item.minFPL) % overlaps the class before it.", code: "SLIDING_FEE_OVERLAP")
            }
            if item.minFPL <= Self.fullPoverty && !item.charge.isFullDiscountOrNominal {
                throw DomainError.invalid("\(field).discount_percent", "At or below 100 % FPL a class gives a full discount or a nominal fee.",
                                          code: "SLIDING_FEE_NOT_FULL_AT_POVERTY")
            }
            if item.maxFPL > Self.discountCeiling {
                throw DomainError.invalid("\(field).max_fpl", "Sliding-fee discounts stop at 200 % FPL; above it the full fee applies.",
                                          code: "SLIDING_FEE_ABOVE_200")
            }
            previousEnd = item.maxFPL
        }
        if let previousEnd, previousEnd < Self.discountCeiling {
            throw DomainError.invalid("classes", "The schedule leaves FPL \(FPLPercentage(hundredths: previousEnd.hundredths + 1)) % to 200.00 % without a class.",
                                      code: "SLIDING_FEE_GAP")
        }
    }

    /// The class for an FPL %; nil above 200 % (the full fee applies).
    public func tier(for fpl: FPLPercentage) -> SlidingFeeClass? {
        classes.first { $0.minFPL <= fpl && fpl <= $0.maxFPL }
    }

    /// The version in effect on `date`: the one that took effect last on or before it.
    public static func inEffect(on date: ServiceDate, among versions: [SlidingFeeSchedule]) -> SlidingFeeSchedule? {
        versions.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// A sensible starting schedule in the HRSA shape: a $20 nominal fee at or below 100 %, then
    /// 80, 60, 40 and 20 percent off in 25-point steps to 200 %.
    public static func standard(effectiveFrom: ServiceDate) -> SlidingFeeSchedule {
        func percent(_ text: String) -> FPLPercentage { FPLPercentage(text) ?? FPLPercentage(hundredths: 0) }
        return SlidingFeeSchedule(effectiveFrom: effectiveFrom, classes: [
            SlidingFeeClass(label: "A", minFPL: percent("0"), maxFPL: percent("100"), charge: .nominalFee(cents: 2000)),
            SlidingFeeClass(label: "B", minFPL: percent("100.01"), maxFPL: percent("125"), charge: .discountPercent(80)),
            SlidingFeeClass(label: "C", minFPL: percent("125.01"), maxFPL: percent("150"), charge: .discountPercent(60)),
            SlidingFeeClass(label: "D", minFPL: percent("150.01"), maxFPL: percent("175"), charge: .discountPercent(40)),
            SlidingFeeClass(label: "E", minFPL: percent("175.01"), maxFPL: percent("200"), charge: .discountPercent(20)),
        ])
    }
}
