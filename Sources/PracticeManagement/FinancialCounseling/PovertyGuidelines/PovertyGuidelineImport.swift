public import Foundation
import Platform

/// The file an administrator imports to add a year of HHS poverty guidelines (`careledger fpl
/// import FILE`, and the admin API's body). JSON, amounts in cents, all three regions:
///
///     {"year": 2027, "effective_from": "2027-01-12", "source": "HHS poverty guidelines 2027, 92 FR …",
///      "regions": {"contiguous": {"first_person_cents": 1630000, "additional_person_cents": 580000},
///                  "alaska": {…}, "hawaii": {…}}}
public struct PovertyGuidelineImport: Sendable, Codable, Equatable {
    public struct Amounts: Sendable, Codable, Equatable {
        public let firstPersonCents: Int
        public let additionalPersonCents: Int

        enum CodingKeys: String, CodingKey { case firstPersonCents = "first_person_cents", additionalPersonCents = "additional_person_cents" }

        public init(firstPersonCents: Int, additionalPersonCents: Int) {
            self.firstPersonCents = firstPersonCents
            self.additionalPersonCents = additionalPersonCents
        }
    }

    public let year: Int
    public let effectiveFrom: String
    public let source: String
    public let regions: [String: Amounts]

    enum CodingKeys: String, CodingKey { case year, effectiveFrom = "effective_from", source, regions }

    public init(year: Int, effectiveFrom: String, source: String, regions: [String: Amounts]) {
        self.year = year
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.regions = regions
    }

    /// Reads the file; a shape that is not the documented one is refused naming `file`.
    public static func decode(_ data: Data) throws -> PovertyGuidelineImport {
        do { return try JSONDecoder().decode(PovertyGuidelineImport.self, from: data) } catch {
            throw DomainError.invalid("file", "The file is not a poverty-guideline import: JSON with year, effective_from, source and regions.")
        }
    }

    /// The guidelines the file adds, one per region, after checking every value.
    public func guidelines() throws -> [PovertyGuideline] {
        guard (2000...2100).contains(year) else { throw DomainError.invalid("year", "The guideline year is between 2000 and 2100.") }
        guard let effective = ServiceDate(effectiveFrom), effective.year == year else {
            throw DomainError.invalid("effective_from", "effective_from is a date (YYYY-MM-DD) in the guideline year.")
        }
        guard (1...300).contains(source.trimmingCharacters(in: .whitespaces).count) else {
            throw DomainError.invalid("source", "Name the source of the figures (e.g. the Federal Register notice), at most 300 characters.")
        }
        for key in regions.keys.sorted() where PovertyGuidelineRegion(rawValue: key) == nil {
            throw DomainError.invalid("regions.\(key)", "Regions are contiguous, alaska and hawaii.")
        }
        return try PovertyGuidelineRegion.allCases.map { region in
            guard let amounts = regions[region.rawValue] else {
                throw DomainError.invalid("regions.\(region.rawValue)", "A guideline year needs all three regions.")
            }
            guard amounts.firstPersonCents > 0, amounts.firstPersonCents <= 100_000_000 else {
                throw DomainError.invalid("regions.\(region.rawValue).first_person_cents", "The first-person amount is a positive number of cents.")
            }
            guard amounts.additionalPersonCents > 0, amounts.additionalPersonCents <= 100_000_000 else {
                throw DomainError.invalid("regions.\(region.rawValue).additional_person_cents", "The additional-person amount is a positive number of cents.")
            }
            return PovertyGuideline(year: year, region: region, effectiveFrom: effective, firstPersonCents: amounts.firstPersonCents,
                                    additionalPersonCents: amounts.additionalPersonCents)
        }
    }
}
