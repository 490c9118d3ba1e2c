import Foundation
import Platform
import PracticeManagement
import Testing

/// PM-32's income rules: annualizing by frequency and FPL % from the HHS tables.
@Suite("Income and FPL")
struct IncomeAndFPLTests {
    struct Annualizing: Sendable, CustomTestStringConvertible {
        var frequency: String
        var amountCents: Int
        var annualCents: Int
        var testDescription: String { "\(amountCents) \(frequency) → \(annualCents)" }
    }

    static let annualizing: [Annualizing] = [
        Annualizing(frequency: "weekly", amountCents: 50_000, annualCents: 2_600_000),       // ×52
        Annualizing(frequency: "biweekly", amountCents: 100_000, annualCents: 2_600_000),    // ×26
        Annualizing(frequency: "semimonthly", amountCents: 100_000, annualCents: 2_400_000), // ×24
        Annualizing(frequency: "monthly", amountCents: 125_050, annualCents: 1_500_600),     // ×12
        Annualizing(frequency: "yearly", amountCents: 1_234_567, annualCents: 1_234_567),    // ×1
        Annualizing(frequency: "weekly", amountCents: 0, annualCents: 0),
    ]

    @Test("an amount is annualized ×52 / ×26 / ×24 / ×12 / ×1 by its frequency", arguments: annualizing)
    func annualize(_ row: Annualizing) throws {
        let source = try IncomeSource.parse(kind: "wages", amountCents: row.amountCents, frequency: row.frequency, at: 0)
        #expect(source.annualCents == row.annualCents)
    }

    @Test("a household's income is the sum of its sources annualized")
    func householdIncome() {
        let sources = [IncomeSource(kind: .wages, amountCents: 80_000, frequency: .biweekly),      // 20,800.00
                       IncomeSource(kind: .childSupport, amountCents: 30_000, frequency: .monthly), //  3,600.00
                       IncomeSource(kind: .socialSecurity, amountCents: 94_300, frequency: .monthly)] // 11,316.00
        #expect(IncomeSource.annualHouseholdIncome(sources) == 3_571_600)
    }

    @Test("bad income input is refused naming the field",
          arguments: [("wages", -1, "monthly", "income_sources[2].amount_cents"), ("wages", 100, "daily", "income_sources[2].frequency"),
                      ("lottery", 100, "monthly", "income_sources[2].kind")])
    func badIncome(kind: String, amount: Int, frequency: String, field: String) {
        #expect { try IncomeSource.parse(kind: kind, amountCents: amount, frequency: frequency, at: 2) } throws: { error in
            (error as? DomainError)?.field == field && (error as? DomainError)?.kind == .unprocessable
        }
    }

    struct RegionRow: Sendable, CustomTestStringConvertible {
        var region: PovertyGuidelineRegion
        /// HHS 2026 guideline in dollars for households of 1…10.
        var guidelines: [Int]
        /// FPL % of a $25,000 household income for households of 1…10.
        var fplOf25000: [String]
        var testDescription: String { region.rawValue }
    }

    static let guideline2026: [PovertyGuidelineRegion: PovertyGuideline] = [
        .contiguous: PovertyGuideline(year: 2026, region: .contiguous, effectiveFrom: ServiceDate("2026-01-13")!, firstPersonCents: 1_596_000, additionalPersonCents: 568_000),
        .alaska: PovertyGuideline(year: 2026, region: .alaska, effectiveFrom: ServiceDate("2026-01-13")!, firstPersonCents: 1_995_000, additionalPersonCents: 710_000),
        .hawaii: PovertyGuideline(year: 2026, region: .hawaii, effectiveFrom: ServiceDate("2026-01-13")!, firstPersonCents: 1_836_000, additionalPersonCents: 653_000),
    ]

    static let regions: [RegionRow] = [
        RegionRow(region: .contiguous, guidelines: [15_960, 21_640, 27_320, 33_000, 38_680, 44_360, 50_040, 55_720, 61_400, 67_080],
                  fplOf25000: ["156.64", "115.53", "91.51", "75.76", "64.63", "56.36", "49.96", "44.87", "40.72", "37.27"]),
        RegionRow(region: .alaska, guidelines: [19_950, 27_050, 34_150, 41_250, 48_350, 55_450, 62_550, 69_650, 76_750, 83_850],
                  fplOf25000: ["125.31", "92.42", "73.21", "60.61", "51.71", "45.09", "39.97", "35.89", "32.57", "29.82"]),
        RegionRow(region: .hawaii, guidelines: [18_360, 24_890, 31_420, 37_950, 44_480, 51_010, 57_540, 64_070, 70_600, 77_130],
                  fplOf25000: ["136.17", "100.44", "79.57", "65.88", "56.21", "49.01", "43.45", "39.02", "35.41", "32.41"]),
    ]

    @Test("FPL % = annual income ÷ guideline(household) × 100, two decimals, for every region and households of 1 to 10", arguments: regions)
    func fplByRegionAndSize(_ row: RegionRow) throws {
        let guideline = try #require(Self.guideline2026[row.region])
        for size in 1...10 {
            #expect(guideline.amountCents(householdSize: size) == row.guidelines[size - 1] * 100, "household \(size)")
            #expect(guideline.fplPercentage(annualIncomeCents: 2_500_000, householdSize: size).description == row.fplOf25000[size - 1], "household \(size)")
            // Income equal to the guideline is exactly 100 %.
            #expect(guideline.fplPercentage(annualIncomeCents: row.guidelines[size - 1] * 100, householdSize: size) == FPLPercentage(hundredths: 10_000))
        }
    }

    @Test("a state's region: Alaska and Hawaii have their own tables, every other state and DC the contiguous one",
          arguments: [("AK", PovertyGuidelineRegion.alaska), ("HI", .hawaii), ("AZ", .contiguous), ("DC", .contiguous), ("CA", .contiguous)])
    func region(state: String, region: PovertyGuidelineRegion) {
        #expect(PovertyGuidelineRegion(stateCode: state) == region)
    }

    struct InEffect: Sendable, CustomTestStringConvertible {
        var date: String
        var year: Int?
        var testDescription: String { "\(date) → \(year.map(String.init) ?? "refused")" }
    }

    static let shipped: [PovertyGuideline] = [
        PovertyGuideline(year: 2025, region: .contiguous, effectiveFrom: ServiceDate("2025-01-15")!, firstPersonCents: 1_565_000, additionalPersonCents: 550_000),
        PovertyGuideline(year: 2026, region: .contiguous, effectiveFrom: ServiceDate("2026-01-13")!, firstPersonCents: 1_596_000, additionalPersonCents: 568_000),
    ]

    @Test("the table in effect is the latest on or before the date; before the first, or past February after the last year, none",
          arguments: [InEffect(date: "2025-01-14", year: nil), InEffect(date: "2025-01-15", year: 2025), InEffect(date: "2026-01-12", year: 2025),
                      InEffect(date: "2026-01-13", year: 2026), InEffect(date: "2027-02-28", year: 2026), InEffect(date: "2027-03-01", year: nil)])
    func inEffect(_ row: InEffect) {
        #expect(PovertyGuideline.inEffect(on: ServiceDate(row.date)!, region: .contiguous, among: Self.shipped)?.year == row.year)
        #expect(PovertyGuideline.inEffect(on: ServiceDate(row.date)!, region: .alaska, among: Self.shipped) == nil)
    }

    @Test("FPL percentages round half up to the hundredth and print with two decimals",
          arguments: [(1, 3, "33.33"), (2, 3, "66.67"), (1, 8, "12.50"), (1, 80_000, "0.00"), (1, 20_000, "0.01"), (3, 1, "300.00")])
    func rounding(income: Int, guideline: Int, text: String) {
        #expect(FPLPercentage(annualIncomeCents: income, guidelineCents: guideline).description == text)
        #expect(FPLPercentage(text) == FPLPercentage(annualIncomeCents: income, guidelineCents: guideline))
    }

    @Test("an FPL percentage reads from JSON between 0 and 1,000,000; beyond is refused, never a trap",
          arguments: [("150.25", 15_025 as Int?), ("0", 0), ("1000000", 100_000_000), ("1000000.01", nil), ("-1", nil), ("1e300", nil)])
    func decoding(json: String, hundredths: Int?) {
        #expect((try? JSONDecoder().decode(FPLPercentage.self, from: Data(json.utf8)))?.hundredths == hundredths)
    }

    @Test("an import file adds all three regions and refuses a missing region or a date outside its year")
    func importFile() throws {
        let good = Data("""
            {"year": 2027, "effective_from": "2027-01-12", "source": "test",
             "regions": {"contiguous": {"first_person_cents": 1630000, "additional_person_cents": 580000},
                         "alaska": {"first_person_cents": 2040000, "additional_person_cents": 725000},
                         "hawaii": {"first_person_cents": 1875000, "additional_person_cents": 667000}}}
            """.utf8)
        let guidelines = try PovertyGuidelineImport.decode(good).guidelines()
        #expect(guidelines.map(\.region) == [.contiguous, .alaska, .hawaii])
        #expect(guidelines[1].amountCents(householdSize: 2) == 2_765_000)
        let missing = PovertyGuidelineImport(year: 2027, effectiveFrom: "2027-01-12", source: "test",
                                             regions: ["contiguous": .init(firstPersonCents: 1, additionalPersonCents: 1)])
        #expect { try missing.guidelines() } throws: { ($0 as? DomainError)?.field == "regions.alaska" }
        let wrongYear = PovertyGuidelineImport(year: 2027, effectiveFrom: "2026-12-31", source: "test", regions: [:])
        #expect { try wrongYear.guidelines() } throws: { ($0 as? DomainError)?.field == "effective_from" }
        #expect { try PovertyGuidelineImport.decode(Data("year,2027".utf8)) } throws: { ($0 as? DomainError)?.field == "file" }
    }
}
