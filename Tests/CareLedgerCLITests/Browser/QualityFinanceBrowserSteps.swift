import Foundation
import Platform
import Testing

/// The quality manager's round trip in the browser: finalize a period on the quality page, then
/// find what it earns under the demo's FUH contract on the finance page, once Finance has
/// consumed the published result.
extension GroupSessionBrowserTests {
    func finalizeQualityAndSeeIncentive(_ browser: WebDriver, base: URL) async throws {
        try await signOut(browser)
        try await signIn(browser, base: base, email: "quality@desertbloom.example")
        let bar = try await navigation(browser)
        #expect(bar.contains("Quality measures") && bar.contains("Value-based purchasing"), "a quality manager's bar: \(bar)")

        // From January 1 to today on the organization's calendar: inside the demo contracts' year.
        let today = ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!)
        let start = ServiceDate(year: today.year, month: 1, day: 1)!
        try await browser.click(try await browser.find(.xpath("//nav[@aria-label='Main']//a[normalize-space()='Quality measures']")))
        try await browser.wait("the quality page") { try await path(browser) == "/quality" }
        _ = try await browser.script("""
            document.getElementById('period_start').value = '\(start)';
            document.getElementById('period_end').value = '\(today)';
            return true;
            """)
        try await browser.click(try await browser.find(.xpath("//button[normalize-space()='Finalize']")))
        let period = "//div[h3[normalize-space()='\(start) to \(today)']]"
        try await browser.wait("the finalized period's rates") {
            guard try await path(browser) == "/quality" else { return false }
            return !(try await browser.findAll(.xpath(period)).isEmpty)
        }
        let fuh = try await browser.script("""
            const row = document.evaluate("\(period)//tr[td/small[normalize-space()='HEDIS_FUH_30']]", document, null,
                                          XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
            return [Number(row.cells[1].innerText), Number(row.cells[2].innerText)];
            """) as? [Int] ?? []
        let (numerator, denominator) = try #require(fuh.count == 2 ? (fuh[0], fuh[1]) : nil, "the FUH 30-day row: \(fuh)")
        #expect(denominator > 0, "the demo year has discharges to follow up")
        // The demo contract: half of $25,000 at a 55 % rate, all of it at 70 %.
        let expected = numerator * 10_000 >= 7_000 * denominator ? "$25,000.00" : numerator * 10_000 >= 5_500 * denominator ? "$12,500.00" : "$0.00"

        try await browser.click(try await browser.find(.xpath("//nav[@aria-label='Main']//a[normalize-space()='Value-based purchasing']")))
        let outcome = "//table[contains(@class,'vbp-outcomes')]//tr[td[contains(., 'AHCCCS FUH 30-day follow-up')]][td[normalize-space()='\(start) – \(today)']]"
        // Finance learns of the result from the event bus, a moment after the finalization.
        try await browser.wait("the period's FUH outcome on the finance page", timeout: .seconds(30)) {
            guard try await browser.findAll(.xpath(outcome)).isEmpty else { return true }
            try await Task.sleep(for: .milliseconds(500))
            _ = try await browser.script("location.reload(); return true;")
            return false
        }
        let earned = try await browser.text(of: try await browser.find(.xpath("\(outcome)/td[contains(@class,'incentive-earned')]")))
        #expect(earned == expected, "FUH 30-day \(numerator)/\(denominator) earns \(expected); the page says \(earned)")
        #expect(try await browser.findAll(.xpath("//a[@href='/finance/vbp/contracts/new']")).isEmpty,
                "a quality manager reads the contracts but gets no form to change them")
    }
}
