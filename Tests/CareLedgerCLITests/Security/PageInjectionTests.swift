import Foundation
import Testing

/// Every page of the demo, attacked the way issue 13's reviewer did: a hostile string stored
/// through the API and every page form, and reflected through every form field and every link's
/// query parameter; every page rendered is judged by Python's html.parser. The crawl follows the
/// pages' own links and forms, so pages added later are covered without listing them here. The
/// same crawl types a NUL into every text field of every page form in turn (issue 13: a page form
/// answered it with the generic error page).
@Suite("Script injection through pages", .serialized)
struct PageInjectionTests {
    struct Report: Decodable {
        struct Finding: Decodable { let page: String; let problem: String }
        let pages: Int
        let formsPosted: Int
        let controlCharactersPosted: Int
        let judged: Int
        let reflected: Int
        let findings: [Finding]
        let findingCount: Int
    }

    @Test("no hostile string stored or reflected anywhere becomes markup, no page has inline script, handlers or styles, and every form answers a NUL with itself and the field's message")
    func everyPageEscapesEverything() async throws {
        let server = try await DemoServer()
        defer { server.stop() }
        for email in ["admin@desertbloom.example", "facilitator@desertbloom.example"] {
            let run = try await DemoServer.run(["python3", DemoServer.source("page_injection_probe.py").path, server.base.absoluteString, email, "demo-password"],
                                         in: server.folder, timeout: .seconds(300))
            try #require(run.status == 0, "the probe failed (\(run.status)):\n\(run.stderr.suffix(3000))")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let report = try decoder.decode(Report.self, from: Data(run.stdout.utf8))
            #expect(report.pages >= 8, "\(email) crawled \(report.pages) pages")
            #expect(report.formsPosted >= 10)
            #expect(report.controlCharactersPosted >= 3, "\(email) typed a NUL into \(report.controlCharactersPosted) form fields")
            #expect(report.reflected > 0, "the hostile text came back (escaped) somewhere, so the probe reached the pages")
            #expect(report.findingCount == 0, "\(email): \(report.findings.map { "\($0.page): \($0.problem)" }.joined(separator: "\n"))")
        }
    }
}
