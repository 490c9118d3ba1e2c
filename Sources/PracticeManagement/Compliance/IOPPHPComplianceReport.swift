public import Foundation
public import Platform
import PostgresNIO

/// What a compliance report is asked for.
public struct IOPPHPComplianceQuery: Sendable, Hashable {
    public let period: CompliancePeriod
    public let facilityID: UUID?
    public let patientID: UUID?

    public init(period: CompliancePeriod, facilityID: UUID? = nil, patientID: UUID? = nil) {
        self.period = period
        self.facilityID = facilityID
        self.patientID = patientID
    }
}

/// One patient's week: what was attended, under which profile it is judged, and the verdicts.
public struct IOPPHPComplianceRow: Sendable, Hashable {
    public let patientID: UUID
    public let patientName: String
    public let weekStart: ServiceDate
    /// The site whose profile supplied the thresholds (see ``PatientAttendanceWeek/governingSiteID``).
    public let siteID: UUID
    public let profileSource: ProfileSource
    public let programLabel: String
    public let result: WeeklyComplianceResult
}

/// The PM-11 weekly IOP/PHP compliance report.
public struct IOPPHPComplianceReport: Sendable {
    public let query: IOPPHPComplianceQuery
    /// Patient by name, then week.
    public let rows: [IOPPHPComplianceRow]

    /// Reads attendance through the integration layer, resolves each governing site's thresholds
    /// (per-key fallback to the AHCCCS defaults happens in the resolver) and judges every
    /// patient-week. An unknown facility or patient answers 422 naming the field.
    public static func build(_ query: IOPPHPComplianceQuery, jurisdictions: JurisdictionResolver,
                             in tx: TenantTransaction) async throws -> IOPPHPComplianceReport {
        if let facility = query.facilityID,
           try await tx.rows("SELECT 1 FROM pf_facilities WHERE id = \(facility)").isEmpty {
            throw DomainError.invalid("facility_id", "No facility with that id exists in this organization.", code: "UNKNOWN_FACILITY")
        }
        if let patient = query.patientID,
           try await tx.rows("SELECT 1 FROM pm_patients WHERE id = \(patient)").isEmpty {
            throw DomainError.invalid("patient_id", "No patient with that id exists in this organization.", code: "UNKNOWN_PATIENT")
        }
        let weeks = try await AttendanceHoursLookup.weeks(from: query.period.from, to: query.period.to, facilityID: query.facilityID,
                                                          patientID: query.patientID, in: tx)
        // The lookup returns each patient's weeks together and in order, so only patients are
        // sorted (by name, then id): a few thousand keys rather than every row of the month.
        var patients: [Range<Int>] = []
        var first = 0
        for index in weeks.indices.dropFirst() where weeks[index].patientID != weeks[index - 1].patientID {
            patients.append(first..<index)
            first = index
        }
        if !weeks.isEmpty { patients.append(first..<weeks.count) }
        let ids = patients.map { weeks[$0.lowerBound].patientID }
        let names = try await PeopleLookup.patientNames(ids, in: tx)
        let keys = ids.map { (name: names[$0] ?? "", id: $0.uuidString) }
        let order = patients.indices.sorted { keys[$0] < keys[$1] }
        var profiles: [UUID: ResolvedJurisdiction] = [:]
        var rows: [IOPPHPComplianceRow] = []
        rows.reserveCapacity(weeks.count)
        for patient in order {
            let name = keys[patient].name
            for week in weeks[patients[patient]] {
                guard let site = week.governingSiteID else { continue }
                let profile: ResolvedJurisdiction
                if let known = profiles[site] { profile = known } else {
                    profile = await jurisdictions.resolve(siteID: site, in: tx)
                    profiles[site] = profile
                }
                rows.append(IOPPHPComplianceRow(
                    patientID: week.patientID, patientName: name,
                    weekStart: week.weekStart, siteID: site, profileSource: profile.source, programLabel: profile.displayName,
                    result: IOPPHPWeeklyCompliance.evaluate(dailyMinutes: week.dailyMinutes, thresholds: profile.iopPhp)))
            }
        }
        return IOPPHPComplianceReport(query: query, rows: rows)
    }
}
