import Foundation
import PostgresNIO
public import Platform

/// The stored HHS poverty guidelines: the table in effect on a date, and importing a year.
public enum PovertyGuidelines {
    /// Every stored guideline, oldest first.
    public static func all(in tx: TenantTransaction) async throws -> [PovertyGuideline] {
        var found: [PovertyGuideline] = []
        for try await (year, region, effective, first, additional) in try await tx.query("""
            SELECT year, region, to_char(effective_from, 'YYYY-MM-DD'), first_person_cents, additional_person_cents
            FROM pm_poverty_guidelines ORDER BY effective_from, region
            """).decode((Int, String, String, Int, Int).self) {
            guard let region = PovertyGuidelineRegion(rawValue: region), let date = ServiceDate(effective) else { continue }
            found.append(PovertyGuideline(year: year, region: region, effectiveFrom: date, firstPersonCents: first, additionalPersonCents: additional))
        }
        return found
    }

    /// The guideline in effect on `date` for `region`; a date no table covers is refused
    /// (422 `NO_POVERTY_GUIDELINE` naming `field`), never priced on a guess.
    public static func inEffect(on date: ServiceDate, region: PovertyGuidelineRegion, field: String, in tx: TenantTransaction) async throws -> PovertyGuideline {
        guard let guideline = PovertyGuideline.inEffect(on: date, region: region, among: try await all(in: tx)) else {
            throw DomainError.invalid(field, "No HHS poverty guideline table is in effect on \(date) for the \(region.rawValue) region; an administrator imports the year's table first.",
                                      code: "NO_POVERTY_GUIDELINE")
        }
        return guideline
    }

    /// The guideline region of the organization's state (its first facility's).
    public static func region(in tx: TenantTransaction) async throws -> PovertyGuidelineRegion {
        guard let state = try await Organizations.stateCode(facility: nil, in: tx) else {
            throw DomainError.invalid("state", "The organization has no facility, so its state and poverty-guideline region are unknown.",
                                      code: "NO_ORGANIZATION_STATE")
        }
        return PovertyGuidelineRegion(stateCode: state)
    }

    /// Adds a guideline year from an import file. A year already stored is refused (409): a
    /// year's figures never change once sessions have been priced on them.
    @discardableResult
    public static func add(_ file: PovertyGuidelineImport, by principal: Principal?, in tx: TenantTransaction) async throws -> [PovertyGuideline] {
        let guidelines = try file.guidelines()
        let exists = try await tx.rows("SELECT 1 FROM pm_poverty_guidelines WHERE year = \(file.year)")
        guard exists.isEmpty else {
            throw DomainError(.conflict, code: "GUIDELINE_YEAR_EXISTS", message: "The \(file.year) guidelines are already stored; a year is never replaced.", field: "year")
        }
        for guideline in guidelines {
            try await tx.query("""
                INSERT INTO pm_poverty_guidelines (year, region, effective_from, first_person_cents, additional_person_cents, source)
                VALUES (\(guideline.year), \(guideline.region.rawValue), \(guideline.effectiveFrom.description)::date,
                        \(guideline.firstPersonCents), \(guideline.additionalPersonCents), \(file.source))
                """)
        }
        try await AuditLog.record(AuditEntry(action: "poverty-guidelines.imported", entityType: "poverty_guideline_year", entityID: String(file.year),
                                             details: ["effective_from": file.effectiveFrom]), by: principal, in: tx)
        return guidelines
    }
}
