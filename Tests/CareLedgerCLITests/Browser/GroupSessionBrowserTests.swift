import Foundation
import Platform
import PlatformTesting
import Testing

/// Drives the demo in headless Chromium the way a facilitator does on a tablet: sign in, open
/// today's Phoenix session, mark the room, watch the billing preview's warnings come and go
/// without a page load, and finalize; then, as the administrator, bill the session (which locks
/// it) and force a correction that voids and rebuilds a charge and marks the claim void/replace;
/// finally read and edit the payer's group rules on the billing-rules page.
/// Needs `chromium` and `chromium-driver` (`.ci/run` installs them).
@Suite("Group session in the browser", .serialized)
struct GroupSessionBrowserTests {
    static let tabletWidth = 768

    @Test("a facilitator takes attendance on a tablet and finalizes; charges are built; billing locks the session; a forced correction voids and rebuilds")
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
        try await signIn(browser, base: base, email: "facilitator@desertbloom.example")

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
        #expect(try await browser.findAll(.css("form.create-claims")).isEmpty, "a facilitator cannot create claims")
        let session = try await browser.script("return location.pathname") as? String ?? ""

        // The administrator bills the session, which locks it, then forces a correction.
        try await browser.click(try await browser.find(.xpath("//button[normalize-space()='Sign out']")))
        try await signIn(browser, base: base, email: "admin@desertbloom.example")
        try await browser.open(base.appendingPathComponent(session))
        try await browser.click(try await browser.find(.xpath("//form[contains(@class,'create-claims')]//button")))
        try await browser.wait("the first claim's page") { (try await browser.script("return location.pathname") as? String ?? "").hasPrefix("/claims/") }
        try await browser.open(base.appendingPathComponent(session))
        let page = try await browser.script("return document.body.innerText") as? String ?? ""
        #expect(page.contains("locked: a claim was built"), "the session shows it is locked")
        #expect(try await browser.findAll(.css("form.mark")).isEmpty, "a locked session offers no plain marks")
        let memberName = try await browser.text(of: try await browser.find(.xpath("(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]/td[1]")))
        try await browser.click(try await browser.find(.xpath("(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]//summary")))
        let consequence = try await browser.text(of: try await browser.find(.xpath(
            "(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]//form[contains(@class,'force')]//p")))
        #expect(consequence.contains("void"), "the confirmation states the consequence: \(consequence)")
        _ = try await browser.script("""
            const form = document.evaluate("(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]//form[contains(@class,'force')]",
                                           document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
            form.querySelector('select').value = 'ABSENT';
            return true;
            """)
        try await browser.type("Left before the group began", into: try await browser.find(.xpath(
            "(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]//textarea")))
        try await browser.click(try await browser.find(.xpath(
            "(//div[h2='Roster']//tr[.//span[normalize-space()='ATTENDED']])[1]//button[normalize-space()='Force update']")))
        try await browser.wait("the member's charge voided with the reason") {
            (try await browser.script("return document.querySelector('#charges') ? document.querySelector('#charges').innerText : ''") as? String ?? "")
                .contains("Left before the group began")
        }
        #expect(try await browser.findAll(.css("#charges tr.charge-active")).count == 5, "five members stay charged")
        #expect(try await browser.findAll(.css("#charges tr.charge-void")).count >= 1)
        let rowAfter = try await browser.text(of: try await browser.find(.xpath("//div[h2='Roster']//tr[td[1][normalize-space()='\(memberName)']]")))
        #expect(rowAfter.contains("ABSENT"), "the forced row shows ABSENT: \(rowAfter)")
        try await browser.open(base.appendingPathComponent("claims"))
        let claims = try await browser.script("return document.body.innerText") as? String ?? ""
        #expect(claims.contains("Void (8)") || claims.contains("Replacement (7)"), "the member's claim is marked void/replace: \(claims.prefix(800))")

        try await readAndEditPayerGroupRules(browser, base: base)
    }

    /// Issue 16: the administrator reads the demo payer's group rules on the billing-rules page and
    /// edits them there (a plain form); the page then shows what the preview will apply.
    func readAndEditPayerGroupRules(_ browser: WebDriver, base: URL) async throws {
        try await browser.open(base.appendingPathComponent("billing-rules"))
        let payer = "//div[contains(@class,'payer')][h3[normalize-space()='AHCCCS Complete Care']]"
        let arizona = try await browser.text(of: try await browser.find(.xpath("\(payer)//tr[@data-state='AZ']")))
        #expect(arizona.contains("6") && arizona.contains("2–5: $16.00") && arizona.contains("7–10: $12.50") && arizona.contains("11–12: $10.50"),
                "the page shows the demo's supervision limit and three bands: \(arizona)")
        try await browser.click(try await browser.find(.xpath("\(payer)//details[summary[normalize-space()='Edit AZ']]/summary")))
        _ = try await browser.script("""
            const form = document.evaluate("\(payer)//details[summary[normalize-space()='Edit AZ']]//form", document, null,
                                           XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
            form.querySelector('input[name=max_participants_per_supervisor]').value = '8';
            form.querySelector('textarea[name=bands]').value = '2-5 16.00\\n6-10 12.75\\n11-12 10.50';
            return true;
            """)
        try await browser.click(try await browser.find(.xpath("\(payer)//details[summary[normalize-space()='Edit AZ']]//button[normalize-space()='Save AZ rules']")))
        try await browser.wait("the saved rules") {
            let row = try await browser.text(of: try await browser.find(.xpath("\(payer)//tr[@data-state='AZ']")))
            return row.contains("6–10: $12.75") && row.contains("8")
        }
        #expect((try await browser.script("return document.body.innerText") as? String ?? "").contains("Saved."))
    }

    func signIn(_ browser: WebDriver, base: URL, email: String) async throws {
        try await browser.open(base.appendingPathComponent("sign-in"))
        try await browser.type(email, into: try await browser.find(.css("#email")))
        try await browser.type("demo-password", into: try await browser.find(.css("#password")))
        try await browser.click(try await browser.find(.xpath("//button[normalize-space()='Sign in']")))
        try await browser.wait("the home page") { try await browser.script("return location.pathname") as? String == "/" }
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
