import Foundation
import PlatformTesting
import PracticeManagement
import Testing

@Suite("837P rendering")
struct ProfessionalClaimEDITests {
    typealias Fixtures = ProfessionalClaimFixtures

    /// The rendered text split into segments, each split into its elements (id first).
    static func segments(_ text: String) -> [[String]] {
        text.split(separator: "~\n").map { $0.split(separator: "*", omittingEmptySubsequences: false).map(String.init) }
    }

    static func expectAccepted(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let verdict = try await Pyx12Validator.validate(text)
        #expect(verdict.accepted, "pyx12 refused the file:\n\(verdict.errors.joined(separator: "\n"))\n\(text)", sourceLocation: sourceLocation)
        #expect(verdict.errors.isEmpty, "\(verdict.errors)", sourceLocation: sourceLocation)
    }

    @Test("an original, a replacement and a void claim each pass pyx12, with REF*F8 only on 7 and 8",
          arguments: [(ClaimFrequency.original, nil), (.replacement, "2025011500123"), (.void, "2025011500123")] as [(ClaimFrequency, String?)])
    func eachFrequencyPassesPyx12(frequency: ClaimFrequency, original: String?) async throws {
        // setup
        let batch = Fixtures.batch([Fixtures.claim(frequency: frequency, original: original)])
        // MUT
        let text = try ProfessionalClaimEDI.render(batch)
        // validate
        try await Self.expectAccepted(text)
        let segments = Self.segments(text)
        let references = segments.filter { $0.first == "REF" && $0[1] == "F8" }
        #expect(references == (original.map { [["REF", "F8", $0]] } ?? []))
        let claim = try #require(segments.first { $0.first == "CLM" })
        #expect(claim[5] == "11:B:\(frequency.rawValue)")
        // A void still carries its line: the 837 has no claim without loop 2400.
        #expect(segments.contains(["SV1", "HC:90837", "180", "UN", "1", "", "", "1"]))
    }

    @Test("a batch of two claims with modifiers, line places of service, a rendering clinician and prior authorization passes pyx12")
    func twoClaimBatchPassesPyx12() async throws {
        let text = try ProfessionalClaimEDI.render(Fixtures.twoClaimBatch())
        try await Self.expectAccepted(text)
        let segments = Self.segments(text)
        #expect(segments.filter { $0.first == "HL" } == [["HL", "1", "", "20", "1"], ["HL", "2", "1", "22", "0"], ["HL", "3", "1", "22", "0"]])
        #expect(segments.filter { $0.first == "CLM" }.map { $0[1] } == ["CL-2001", "CL-2002"])
        #expect(segments.contains(["SV1", "HC:H0004:HO:95:GT:U4", "31.25", "UN", "4", "10", "", "1"]))
        #expect(segments.contains(["SV1", "HC:90853:HQ", "65", "UN", "1", "", "", "1:2"]))
        #expect(segments.contains(["SV1", "HC:90834:95", "125.5", "UN", "1", "02", "", "1:2:3"]))
        #expect(segments.contains(["REF", "6R", "CHG-501"]))
        #expect(segments.contains(["REF", "G1", "PA-2025-0042"]))
        #expect(segments.contains(["NM1", "82", "1", "HALE", "MARCUS", "", "", "", "XX", "1987654328"]))
        #expect(segments.contains(["HI", "ABK:F4310", "ABF:F1020", "ABF:Z630"]))
        #expect(segments.contains(["SBR", "P", "18", "GRP-77", "", "", "", "", "", "BL"]))
    }

    /// The negative control: if pyx12 accepted these, its "OK" on our files would prove nothing.
    @Test("pyx12 refuses a file without the billing provider's name, and one with a wrong SE count",
          arguments: ["missing NM1*85", "SE01 off by one"])
    func pyx12RefusesBrokenFiles(defect: String) async throws {
        let text = try ProfessionalClaimEDI.render(Fixtures.batch([Fixtures.claim()]))
        var segments = Self.segments(text)
        if defect == "missing NM1*85" {
            // Only the segment goes; SE01 is corrected so the missing loop is the file's one defect.
            segments.removeAll { $0.prefix(2) == ["NM1", "85"] }
            let se = try #require(segments.firstIndex { $0.first == "SE" })
            segments[se][1] = String(Int(segments[se][1])! - 1)
        } else {
            let se = try #require(segments.firstIndex { $0.first == "SE" })
            segments[se][1] = String(Int(segments[se][1])! + 1)
        }
        let broken = segments.map { $0.joined(separator: "*") + "~\n" }.joined()
        let verdict = try await Pyx12Validator.validate(broken)
        #expect(!verdict.accepted)
        let expected = defect == "missing NM1*85" ? "2010AA" : "SE count"
        #expect(verdict.errors.contains { $0.contains(expected) }, "\(verdict.errors)")
    }

    @Test("SE01 counts the segments from ST to SE; GE01 and IEA01 count one transaction and one group")
    func trailerCounts() throws {
        let segments = Self.segments(try ProfessionalClaimEDI.render(Fixtures.twoClaimBatch()))
        let st = try #require(segments.firstIndex { $0.first == "ST" })
        let se = try #require(segments.firstIndex { $0.first == "SE" })
        #expect(segments[se] == ["SE", String(se - st + 1), "0001"])
        #expect(segments[st] == ["ST", "837", "0001", "005010X222A1"])
        #expect(segments.suffix(2) == [["GE", "1", "7"], ["IEA", "1", "000000042"]])
    }

    @Test("ISA is fixed width with padded ids and a nine-digit ISA13; the envelope dates come from the input's time zone")
    func interchangeHeader() throws {
        let text = try ProfessionalClaimEDI.render(Fixtures.batch([Fixtures.claim()], controlNumber: 42, groupControlNumber: 7))
        let isa = try #require(text.split(separator: "\n").first)
        #expect(isa.count == 106)
        #expect(isa == "ISA*00*          *00*          *ZZ*CARELEDGER     *ZZ*CLEARHOUSE     *250115*1230*^*00501*000000042*0*T*:~")
        let segments = Self.segments(text)
        #expect(segments[1] == ["GS", "HC", "CARELEDGER", "CLEARHOUSE", "20250115", "1230", "7", "X", "005010X222A1"])
        #expect(segments[3] == ["BHT", "0019", "00", "000000042", "20250115", "1230", "CH"])
        #expect(segments.last == ["IEA", "1", "000000042"])
    }

    @Test("CLM05 is place of service, B, frequency", arguments: [
        (PlaceOfService.office, ClaimFrequency.original, "11:B:1"),
        (.telehealthInPatientHome, .replacement, "10:B:7"),
        (.communityMentalHealthCenter, .void, "53:B:8"),
    ])
    func claimFacilityComposite(place: PlaceOfService, frequency: ClaimFrequency, expected: String) throws {
        let original: String? = frequency == .original ? nil : "PAYER-ICN-1"
        let text = try ProfessionalClaimEDI.render(Fixtures.batch([Fixtures.claim(frequency: frequency, original: original, place: place)]))
        let claim = try #require(Self.segments(text).first { $0.first == "CLM" })
        #expect(claim == ["CLM", "CL-1001", "180", "", "", expected, "Y", "A", "Y", "Y"])
    }

    @Test("CLM02 is the sum of the lines, and amounts are X12 decimals without trailing zeros")
    func totalsAndAmounts() throws {
        let claim = Fixtures.claim(lines: [
            Fixtures.line(cents: 12_500), Fixtures.line("90832", cents: 12_550), Fixtures.line("90785", cents: 5), Fixtures.line("99999", cents: 0),
        ])
        let segments = Self.segments(try ProfessionalClaimEDI.render(Fixtures.batch([claim])))
        let charges = segments.filter { $0.first == "SV1" }.map { $0[2] }
        #expect(charges == ["125", "125.5", "0.05", "0"])
        #expect(segments.first { $0.first == "CLM" }?[2] == "250.55")
        #expect(claim.totalChargeCents == 25_055)
        #expect(segments.filter { $0.first == "LX" }.map { $0[1] } == ["1", "2", "3", "4"])
    }

    @Test("names are upper-cased with accents folded, diagnoses lose the dot, ZIP and EIN hyphens go")
    func normalization() throws {
        let segments = Self.segments(try ProfessionalClaimEDI.render(Fixtures.twoClaimBatch()))
        #expect(segments.contains(["NM1", "IL", "1", "NUNEZ", "JOSE", "LUIS", "", "", "MI", "B98765432"]))
        #expect(segments.contains(["N4", "PHOENIX", "AZ", "850181234"]))
        #expect(segments.contains(["N4", "PHOENIX", "AZ", "850041234"]))
        #expect(segments.contains(["REF", "EI", "861234567"]))
        #expect(segments.contains(["PER", "IC", "JANE BILLER", "TE", "6025550100"]))
        #expect(segments.contains(["HI", "ABK:F331", "ABF:F411"]))
        #expect(segments.contains(["DMG", "D8", "19781130", "M"]))
    }

    @Test("the same batch renders to the same text")
    func deterministic() throws {
        #expect(try ProfessionalClaimEDI.render(Fixtures.twoClaimBatch()) == ProfessionalClaimEDI.render(Fixtures.twoClaimBatch()))
    }
}
