import Platform

/// What a sliding-fee class takes off a visit: a discount percent, or a nominal fee per visit.
public enum SlidingFeeCharge: Sendable, Equatable {
    case discountPercent(Int)
    case nominalFee(cents: Int)

    /// True for a full discount or a nominal fee: what HRSA requires at or below 100 % FPL.
    public var isFullDiscountOrNominal: Bool {
        switch self {
        case .discountPercent(let percent): percent == 100
        case .nominalFee: true
        }
    }

    /// The adjustment on a visit whose patient responsibility is `cents`: the discount (rounded
    /// half up to the cent), or everything above the nominal fee.
    public func adjustment(onResponsibility cents: Int) -> Int {
        guard cents > 0 else { return 0 }
        switch self {
        case .discountPercent(let percent): return (cents * percent * 2 + 100) / 200
        case .nominalFee(let fee): return max(0, cents - fee)
        }
    }
}

/// One class of a sliding-fee schedule: the FPL % range it covers (both ends included, two
/// decimals) and its charge.
public struct SlidingFeeClass: Sendable, Equatable, Codable {
    public let label: String
    public let minFPL: FPLPercentage
    public let maxFPL: FPLPercentage
    public let charge: SlidingFeeCharge

    public init(label: String, minFPL: FPLPercentage, maxFPL: FPLPercentage, charge: SlidingFeeCharge) {
        self.label = label
        self.minFPL = minFPL
        self.maxFPL = maxFPL
        self.charge = charge
    }

    enum CodingKeys: String, CodingKey {
        case label, minFPL = "min_fpl", maxFPL = "max_fpl", discountPercent = "discount_percent", nominalFeeCents = "nominal_fee_cents"
    }

    /// JSON names exactly one of `discount_percent` and `nominal_fee_cents`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        minFPL = try container.decode(FPLPercentage.self, forKey: .minFPL)
        maxFPL = try container.decode(FPLPercentage.self, forKey: .maxFPL)
        let percent = try container.decodeIfPresent(Int.self, forKey: .discountPercent)
        let fee = try container.decodeIfPresent(Int.self, forKey: .nominalFeeCents)
        switch (percent, fee) {
        case (let percent?, nil): charge = .discountPercent(percent)
        case (nil, let fee?): charge = .nominalFee(cents: fee)
        default:
            throw DecodingError.dataCorruptedError(forKey: .discountPercent, in: container,
                                                   debugDescription: "A class has either discount_percent or nominal_fee_cents.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(minFPL, forKey: .minFPL)
        try container.encode(maxFPL, forKey: .maxFPL)
        switch charge {
        case .discountPercent(let percent): try container.encode(percent, forKey: .discountPercent)
        case .nominalFee(let cents): try container.encode(cents, forKey: .nominalFeeCents)
        }
    }
}
