import Foundation
import Platform
import PostgresNIO

/// Imported encounters with their diagnoses classified by the organization's value sets in Swift,
/// for reads that need every encounter of a span (`QualityPeriodData`: the care-gap list).
enum QualityEncounterReads {
    /// Runs `query` (which selects the principal code and every code of each encounter) and classifies them in Swift.
    static func classifiedEncounters(_ query: PostgresQuery, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> [QualityEncounter] {
        var encounters: [QualityEncounter] = []
        for try await (patient, kind, start, end, principal, codes) in try await tx.query(query)
            .decode((UUID, String, String, String, String?, [String]).self) {
            guard let kind = QualityEncounter.Kind(rawValue: kind), let start = ServiceDate(start), let end = ServiceDate(end) else { continue }
            encounters.append(QualityEncounter(patientID: patient, kind: kind, start: start, end: end,
                                               diagnoses: valueSets.classify(principal: principal, all: codes)))
        }
        return encounters
    }
}
