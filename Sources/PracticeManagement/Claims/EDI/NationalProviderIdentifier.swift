/// The NPI check digit (CMS NPI standard): Luhn over the nine identifier digits prefixed with
/// 80840, the ISO card-issuer prefix for US health care, so a mistyped NPI is caught here
/// instead of in a payer's rejection days later.
enum NationalProviderIdentifier {
    static func isValid(_ npi: String) -> Bool {
        let digits = npi.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard npi.count == 10, digits.count == 10 else { return false }
        return checkDigit(for: Array(digits.prefix(9))) == digits[9]
    }

    /// Luhn doubles every second digit from the right, starting with the rightmost payload digit.
    static func checkDigit(for payload: [Int]) -> Int {
        let sum = ([8, 0, 8, 4, 0] + payload).reversed().enumerated().reduce(0) { total, item in
            guard item.offset.isMultiple(of: 2) else { return total + item.element }
            let doubled = item.element * 2
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return (10 - sum % 10) % 10
    }
}
