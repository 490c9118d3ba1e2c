import Clinical
import Foundation
import Platform
import PostgresNIO
import PracticeManagement

/// A year of hospital discharges, ED visits and follow-ups for the Arizona organization, sent
/// through the same FHIR bundle intake an HIE feed uses, and the last twelve full months
/// finalized, so the quality page shows real rates and today's care gaps. Invented patients;
/// deterministic, so every demo database tells the same story.
enum DemoQualityMeasures {
    static let organizationSlug = "desert-bloom"
    static let patientCount = 60
    static let givenNames = ["Avery", "Blake", "Carmen", "Dev", "Elena", "Farid", "Gwen", "Hugo", "Iris", "Jonah", "Kira", "Luis"]
    static let familyNames = ["Alder", "Birch", "Cedar", "Dunn", "Ellis", "Frost", "Grove", "Hale", "Ivers", "Juarez"]

    /// A small deterministic generator (64-bit LCG), so the story is the same on every machine.
    struct Generator {
        var state: UInt64
        mutating func next(_ upperBound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(upperBound))
        }
    }

    /// Adds the data once: an organization that already has imported encounters is left alone.
    static func ensureYear(organizationSlug slug: String, organizationID: UUID, database: Database, bus: EventBus) async throws {
        guard slug == organizationSlug else { return }
        try await database.withTenant(organizationID) { tx in
            guard try await tx.rows("SELECT 1 FROM cl_external_encounters LIMIT 1").isEmpty else { return }
            let zone = try await Organizations.timeZone(facility: nil, in: tx)
            let today = ServiceDate.today(in: zone)
            var mrns: [String] = []
            for index in 0..<patientCount {
                let mrn = "DQ-\(3001 + index)"
                let birthYear = 1960 + (index * 7) % 45
                _ = try await Patients.create(mrn: mrn, givenName: givenNames[index % givenNames.count],
                                              familyName: familyNames[(index / givenNames.count) % familyNames.count],
                                              dateOfBirth: "\(birthYear)-0\(1 + index % 9)-1\(index % 9)", by: nil, in: tx)
                mrns.append(mrn)
            }
            let bundle = try JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": "collection",
                                                                     "entry": entries(mrns: mrns, today: today)])
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            _ = try await EncounterImport.importBundle(bundle, by: system, in: tx)
            // The last twelve full months, finalized and published as Finance would receive them.
            guard let lastMonthEnd = ServiceDate(year: today.year, month: today.month, day: 1)?.adding(days: -1),
                  let start = ServiceDate(year: lastMonthEnd.year - 1, month: lastMonthEnd.month, day: 1)?.adding(days: 31),
                  let periodStart = ServiceDate(year: start.year, month: start.month, day: 1) else { return }
            _ = try await QualityPeriodFinalizer.finalize(try MeasurementPeriod(start: periodStart, end: lastMonthEnd), bus: bus, by: system, in: tx)
        }
    }

    /// Each patient: a few stays and ED visits for mental illness through the year, about two
    /// thirds followed up; some SUD episodes with treatment visits; and two fresh discharges and
    /// an ED visit in the last days, still waiting for follow-up (the care gaps).
    static func entries(mrns: [String], today: ServiceDate) -> [[String: Any]] {
        var random = Generator(state: 2026)
        var entries: [[String: Any]] = []
        var serial = 0
        let mentalIllness = ["F32.1", "F33.2", "F20.9", "F31.4", "F41.1", "F43.10", "F25.0"]
        let substanceUse = ["F10.20", "F11.20", "F15.10", "F12.20"]
        func add(_ mrn: String, _ classCode: String, start: ServiceDate, end: ServiceDate?, codes: [String]) {
            serial += 1
            let id = "q\(serial)"
            var period: [String: Any] = ["start": start.description]
            if let end { period["end"] = end.description }
            entries.append(["fullUrl": "urn:uuid:encounter-\(id)", "resource": [
                "resourceType": "Encounter", "id": id, "status": "finished",
                "identifier": [["system": "urn:demo:hie", "value": "DEMO-\(id)"]],
                "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": classCode],
                "subject": ["identifier": ["value": mrn]], "period": period,
            ] as [String: Any]])
            for (position, code) in codes.enumerated() {
                entries.append(["fullUrl": "urn:uuid:condition-\(id)-\(position)", "resource": [
                    "resourceType": "Condition", "id": "\(id)-\(position)",
                    "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code]]],
                    "encounter": ["reference": "Encounter/\(id)"],
                ] as [String: Any]])
            }
        }
        for (index, mrn) in mrns.enumerated() {
            // Events 45 days apart at least, so readmissions and the 31-day ED rule stay rare.
            var day = -400 + random.next(60)
            while day < -50 {
                let event = today.adding(days: day)!
                switch random.next(3) {
                case 0:
                    let discharge = event.adding(days: 2 + random.next(6))!
                    add(mrn, "IMP", start: event, end: discharge, codes: [mentalIllness[random.next(mentalIllness.count)]])
                    if random.next(3) > 0 { add(mrn, "AMB", start: discharge.adding(days: 1 + random.next(random.next(2) == 0 ? 7 : 25))!, end: nil, codes: ["F32.9"]) }
                case 1:
                    add(mrn, "EMER", start: event, end: nil, codes: [mentalIllness[random.next(mentalIllness.count)]])
                    if random.next(3) > 0 { add(mrn, "AMB", start: event.adding(days: random.next(random.next(2) == 0 ? 8 : 28))!, end: nil, codes: ["F41.9"]) }
                default:
                    add(mrn, "AMB", start: event, end: nil, codes: [substanceUse[random.next(substanceUse.count)]])
                    if random.next(4) > 0 {
                        for offset in [2 + random.next(10), 16 + random.next(10), 30 + random.next(15)].prefix(1 + random.next(3)) {
                            add(mrn, "AMB", start: event.adding(days: offset)!, end: nil, codes: ["F10.20"])
                        }
                    }
                }
                day += 45 + random.next(90)
            }
            // Today's care gaps: the first three patients.
            if index < 2 { add(mrn, "IMP", start: today.adding(days: -6)!, end: today.adding(days: -2 - index)!, codes: ["F32.2"]) }
            if index == 2 { add(mrn, "EMER", start: today.adding(days: -1)!, end: nil, codes: ["F41.0"]) }
        }
        return entries
    }
}
