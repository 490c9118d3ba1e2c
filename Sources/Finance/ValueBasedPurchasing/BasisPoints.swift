/// Rates and percents in basis points (1/100 of a percent; 10 000 is 100 %), so that every
/// comparison and share is integer arithmetic on cents.
public enum BasisPoints {
    /// 100 %.
    public static let whole = 10_000

    /// `basisPoints` of `cents`, rounded half up to the cent.
    public static func share(of cents: Int, _ basisPoints: Int) -> Int {
        (cents * basisPoints + whole / 2) / whole
    }

    /// A percent as typed (`62.5`) in basis points, rounded to the nearest; nil when not a finite number.
    public static func fromPercent(_ percent: Double) -> Int? {
        guard percent.isFinite, abs(percent) < 1e9 else { return nil }
        return Int((percent * 100).rounded())
    }

    /// A rate as a fraction (`0.625`) in basis points, rounded to the nearest.
    public static func fromFraction(_ fraction: Double) -> Int? {
        guard fraction.isFinite, abs(fraction) < 1e9 else { return nil }
        return Int((fraction * Double(whole)).rounded())
    }

    /// `6250` → `"62.5"`, `7000` → `"70"`: the percent without trailing zeros.
    public static func percentText(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let value = abs(basisPoints)
        let whole = value / 100, hundredths = value % 100
        guard hundredths != 0 else { return "\(sign)\(whole)" }
        let digits = hundredths % 10 == 0 ? "\(hundredths / 10)" : (hundredths < 10 ? "0\(hundredths)" : "\(hundredths)")
        return "\(sign)\(whole).\(digits)"
    }
}
