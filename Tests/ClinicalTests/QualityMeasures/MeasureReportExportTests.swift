import Clinical
import Foundation
import Platform
import Testing

@Suite("FHIR MeasureReport export")
struct MeasureReportExportTests {
    static let result = QualityMeasurePeriodResult(
        id: UUID(), measureId: "HEDIS_FUH_7", periodStart: ServiceDate("2026-01-01")!, periodEnd: ServiceDate("2026-12-31")!,
        denominatorCount: 116, numeratorCount: 58, rate: 0.5, calculationVersion: 2, calculatedAt: Date(timeIntervalSince1970: 1_798_761_540),
        publishedEventId: UUID(), initialPopulationCount: 120, exclusionCount: 4)

    static func object(_ data: Data) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]) }

    @Test("a summary report with the period, the four populations and the score, accepted by an independent FHIR validator")
    func valid() async throws {
        let json = try MeasureReportExport.json(Self.result)
        let report = try Self.object(json)
        #expect(report["resourceType"] as? String == "MeasureReport")
        #expect(report["type"] as? String == "summary")
        #expect(report["status"] as? String == "complete")
        #expect(report["measure"] as? String == "https://careledger.example/fhir/Measure/HEDIS_FUH_7")
        #expect((report["period"] as? [String: String]) == ["start": "2026-01-01", "end": "2026-12-31"])
        let group = try #require((report["group"] as? [[String: Any]])?.first)
        let populations = (group["population"] as? [[String: Any]] ?? []).map { population -> (String, Int) in
            let code = ((population["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String ?? ""
            return (code, population["count"] as? Int ?? -1)
        }
        #expect(populations.map { $0.0 } == ["initial-population", "denominator-exclusion", "denominator", "numerator"])
        #expect(populations.map { $0.1 } == [120, 4, 116, 58])
        #expect((group["measureScore"] as? [String: Any])?["value"] as? Double == 0.5)
        #expect(try await FHIRResourceValidator.problems(inMeasureReport: json) == nil)
    }

    @Test("an empty denominator exports without a score, and still validates")
    func noScore() async throws {
        let empty = QualityMeasurePeriodResult(
            id: UUID(), measureId: "HEDIS_FUM_7", periodStart: ServiceDate("2026-01-01")!, periodEnd: ServiceDate("2026-01-31")!,
            denominatorCount: 0, numeratorCount: 0, rate: nil, calculationVersion: 1, calculatedAt: Date(), publishedEventId: UUID(),
            initialPopulationCount: 0, exclusionCount: 0)
        let json = try MeasureReportExport.json(empty)
        let group = try #require(((try Self.object(json))["group"] as? [[String: Any]])?.first)
        #expect(group["measureScore"] == nil)
        #expect(try await FHIRResourceValidator.problems(inMeasureReport: json) == nil)
    }

    @Test("the validator refuses deliberately broken reports", arguments: [
        "measure", "period", "status",
    ])
    func brokenIsRefused(remove key: String) async throws {
        var report = try Self.object(try MeasureReportExport.json(Self.result))
        report.removeValue(forKey: key)
        let problems = try await FHIRResourceValidator.problems(inMeasureReport: try JSONSerialization.data(withJSONObject: report))
        #expect(problems?.contains(key) == true, "\(problems ?? "accepted")")
    }

    @Test("the validator refuses a population count that is not an integer and an unknown element")
    func brokenValues() async throws {
        let text = String(decoding: try MeasureReportExport.json(Self.result), as: UTF8.self)
        let badCount = text.replacingOccurrences(of: "\"count\":58", with: "\"count\":\"fifty-eight\"")
        #expect(try await FHIRResourceValidator.problems(inMeasureReport: Data(badCount.utf8))?.contains("count") == true)
        let unknown = text.replacingOccurrences(of: "\"resourceType\"", with: "\"patientName\":\"x\",\"resourceType\"")
        #expect(try await FHIRResourceValidator.problems(inMeasureReport: Data(unknown.utf8))?.contains("patientName") == true)
    }
}
