import Foundation

extension InterchangeEnvelope {
    /// The creation moment in the envelope's time zone, as `CCYYMMDD` and `HHMM`; the one place
    /// a date is computed, and from the input only, so rendering stays deterministic.
    var localStamp: (date: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: createdAt)
        let date = Self.zeroPadded(parts.year ?? 0, to: 4) + Self.zeroPadded(parts.month ?? 0, to: 2) + Self.zeroPadded(parts.day ?? 0, to: 2)
        return (date, Self.zeroPadded(parts.hour ?? 0, to: 2) + Self.zeroPadded(parts.minute ?? 0, to: 2))
    }

    /// ISA13/IEA02 are fixed at nine digits.
    var paddedControlNumber: String { Self.zeroPadded(controlNumber, to: 9) }

    static func zeroPadded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
