import Platform
import PlatformTesting
import Testing

@Suite("Service dates")
struct ServiceDateTests {
    @Test("parsing", arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("1900-02-29", false), ("2000-02-29", true),
        ("2025-04-31", false), ("2025-12-31", true), ("2025-13-01", false), ("2025-00-10", false),
        ("2025-1-01", false), ("2025/01/01", false), ("", false), ("20250101xx", false),
    ])
    func parse(text: String, valid: Bool) {
        #expect((ServiceDate(text) != nil) == valid, "\(text)")
        if valid { #expect(ServiceDate(text)?.description == text) }
    }

    @Test("ordering by year, then month, then day")
    func ordering() {
        let dates = ["2025-01-02", "2024-12-31", "2025-01-01", "2025-02-01"].map(day)
        #expect(dates.sorted().map(\.description) == ["2024-12-31", "2025-01-01", "2025-01-02", "2025-02-01"])
    }
}
