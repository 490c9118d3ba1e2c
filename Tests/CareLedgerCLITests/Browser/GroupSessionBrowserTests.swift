import Foundation
import Platform
import PlatformTesting
import Testing

/// Drives the demo in headless Chromium the way a facilitator does on a tablet: sign in, open
/// today's Phoenix session, mark the room, watch the billing preview's warnings come and go
/// without a page load, and finalize. Needs `chromium` and `chromium-driver` (`.ci/run`
/// installs them).
@Suite("Group session in the browser", .serialized)
struct GroupSessionBrowserTests {
    static let tabletWidth = 768

    @Test("a facilitator takes attendance on a tablet and finalizes the session")
    func takeAttendanceAndFinalize() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let chromedriver = try #require(["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                        "chromedriver is missing: apt-get install chromium chromium-driver")

        let (serverPort, driverPort) = (try BackgroundProcess.freePort(), try BackgroundProcess.freePort())
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LOG_LEVEL": "warning", "HOME": folder.path]
        let server = try BackgroundProcess(executable: try CommandRunner.executable(),
                                           arguments: ["serve", "--demo", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                                       "--port", "\(serverPort)", "--insecure-cookies"],
                                           environment: environment, folder: folder, name: "server")
        defer {
            server.stop()
            try? LocalPostgres(dataDirectory: folder.appendingPathComponent("pgdata").path, logger: TestCluster.shared.logger).stop()
        }
        let driver = try BackgroundProcess(executable: URL(fileURLWithPath: chromedriver), arguments: ["--port=\(driverPort)"],
                                           environment: environment, folder: folder, name: "chromedriver")
        defer { driver.stop() }
        let base = URL(string: "http://127.0.0.1:\(serverPort)")!
        let driverURL = URL(string: "http://127.0.0.1:\(driverPort)")!
        try await server.waitUntilAnswering(base.appendingPathComponent("health"), timeout: 180)
        try await driver.waitUntilAnswering(driverURL.appendingPathComponent("status"), timeout: 30)

        let browser = try await WebDriver.startChromium(driver: driverURL, width: Self.tabletWidth, height: 1024)
        do {
            try await run(browser, base: base)
            await browser.quit()
        } catch {
            let page = (try? await browser.script("return document.body.innerText")) as? String ?? ""
            await browser.quit()
            Issue.record("browser step failed: \(error)\n--- page text ---\n\(page.prefix(3000))\n--- server ---\n\(server.output.suffix(2000))")
        }
    }

    func run(_ browser: WebDriver, base: URL) async throws {
        try await browser.open(base.appendingPathComponent("sign-in"))
        try await browser.type("facilitator@desertbloom.example", into: try await browser.find(.css("#email")))
        try await browser.type("demo-password", into: try await browser.find(.css("#password")))
        try await browser.click(try await browser.find(.xpath("//button[normalize-space()='Sign in']")))
        try await browser.wait("the home page") { try await browser.script("return location.pathname") as? String == "/" }

        try await browser.open(base.appendingPathComponent("group-sessions"))
        try await expectNoHorizontalScroll(browser, page: "the session list")
        let phoenix = try await browser.find(.xpath("//tr[td[normalize-space()='Phoenix Outpatient Center']]//a"))
        try await browser.click(phoenix)
        try await browser.wait("the session detail") { try await browser.findAll(.css("#billing-preview")).count == 1 }
        try await expectNoHorizontalScroll(browser, page: "the session detail")
        let smallestButton = try await browser.script("""
            return Math.min(...Array.from(document.querySelectorAll('form.mark button')).map(b => b.getBoundingClientRect().height));
            """) as? Double
        #expect((smallestButton ?? 0) >= 44, "attendance buttons are touch-sized (44 px or taller)")

        let scheduled = try await scheduledRosterRows(browser)
        #expect(scheduled >= 8, "the demo roster starts with everyone SCHEDULED")
        #expect(try await warnings(browser) == ["GROUP_UNATTENDED_BILLED"])
        // Set on this page; a full page load would clear it.
        _ = try await browser.script("window.careledgerNoReload = true; return true;")

        for marked in 1...6 {
            try await browser.click(try await browser.find(.xpath(
                "(//div[h2='Roster']//tr[.//span[normalize-space()='SCHEDULED']])[1]//button[normalize-space()='ATTENDED']")))
            try await browser.wait("row \(marked) to show ATTENDED") { try await scheduledRosterRows(browser) == scheduled - marked }
        }
        try await browser.wait("six attended to raise the band and ratio warnings") {
            try await warnings(browser) == ["GROUP_SIZE_BAND_MISMATCH", "GROUP_UNATTENDED_BILLED", "SUPERVISION_RATIO_BREACH"]
        }
        let band = try await browser.text(of: try await browser.find(.css("#billing-preview li[data-code='GROUP_SIZE_BAND_MISMATCH']")))
        #expect(band.contains("6"), "the band warning states the billable count: \(band)")

        try await browser.click(try await browser.find(.xpath("//div[h2='Supervisors']//tr[1]//button[normalize-space()='ATTENDED']")))
        try await browser.wait("a present supervisor to clear the ratio warning") {
            try await warnings(browser) == ["GROUP_SIZE_BAND_MISMATCH", "GROUP_UNATTENDED_BILLED"]
        }

        for _ in 0..<(scheduled - 6) {
            let before = try await scheduledRosterRows(browser)
            try await browser.click(try await browser.find(.xpath(
                "(//div[h2='Roster']//tr[.//span[normalize-space()='SCHEDULED']])[1]//button[normalize-space()='ABSENT']")))
            try await browser.wait("a row to show ABSENT") { try await scheduledRosterRows(browser) == before - 1 }
        }
        try await browser.wait("the unattended warning to clear once nobody is SCHEDULED") {
            try await warnings(browser) == ["GROUP_SIZE_BAND_MISMATCH"]
        }
        #expect(try await browser.script("return window.careledgerNoReload === true") as? Bool == true,
                "marks update the page in place, without a reload")

        try await browser.click(try await browser.find(.xpath("//button[normalize-space()='Finalize session']")))
        try await browser.wait("the finalized badge") {
            (try await browser.script("return document.body.innerText") as? String ?? "").contains("finalized: ready to bill")
        }
        // The finalize publishes the documented event; the server's dispatcher builds the charges
        // moments later, so the page is reloaded until they show: one per ATTENDED member.
        try await browser.wait("charges built for the six attended members", timeout: .seconds(20)) {
            _ = try await browser.script("location.reload(); return true;")
            try await Task.sleep(for: .milliseconds(300))
            return try await browser.findAll(.css("#charges tr.charge-active")).count == 6
        }
        let charges = try await browser.text(of: try await browser.find(.css("#charges")))
        #expect(charges.contains("Built from documentation revision"), "the Charges card says what was built: \(charges)")
    }

    func scheduledRosterRows(_ browser: WebDriver) async throws -> Int {
        try await browser.findAll(.xpath("//div[h2='Roster']//tr[.//span[normalize-space()='SCHEDULED']]")).count
    }

    func warnings(_ browser: WebDriver) async throws -> [String] {
        let codes = try await browser.script("""
            return Array.from(document.querySelectorAll('#billing-preview li[data-code]')).map(li => li.dataset.code).sort();
            """)
        return codes as? [String] ?? []
    }

    func expectNoHorizontalScroll(_ browser: WebDriver, page: String) async throws {
        let widths = try await browser.script("return [window.innerWidth, document.documentElement.scrollWidth]") as? [Int] ?? []
        #expect(widths.count == 2 && widths[0] <= Self.tabletWidth && widths[1] <= widths[0],
                "\(page) fits a \(Self.tabletWidth) px tablet without horizontal scrolling (inner, scroll widths: \(widths))")
    }
}
