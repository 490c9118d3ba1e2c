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
            // The last twelve full months, finalized and published as Finance would receive them.
            guard let lastMonthEnd = ServiceDate(year: today.year, month: today.month, day: 1)?.adding(days: -1),
                  let start = ServiceDate(year: lastMonthEnd.year - 1, month: lastMonthEnd.month, day: 1)?.adding(days: 31),
                  let periodStart = ServiceDate(year: start.year, month: start.month, day: 1) else { return }
            let period = try MeasurementPeriod(start: periodStart, end: lastMonthEnd)
            let bundle = try JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": "collection",
                                                                     "entry": entries(mrns: mrns, today: today, period: period)])
            let system = Principal(organizationID: organizationID, userID: nil, credential: .system, permissions: [])
            _ = try await EncounterImport.importBundle(bundle, by: system, in: tx)
            _ = try await QualityPeriodFinalizer.finalize(period, bus: bus, by: system, in: tx)
        }
    }

    /// Each patient: a few stays and ED visits for mental illness through the year, about two
    /// thirds followed up; some SUD episodes with treatment visits, SUD services and, for alcohol
    /// and opioid use, naltrexone or buprenorphine; about half started on an antidepressant for
    /// major depression in AMM's intake period, some refilling for six months, some stopping after
    /// three, some after one or two; and two fresh discharges, an ED visit and an antidepressant
    /// supply about to lapse in the last days (the care gaps).
    static func entries(mrns: [String], today: ServiceDate, period: MeasurementPeriod) -> [[String: Any]] {
        var random = Generator(state: 2026)
        // Medications and procedures draw from their own generator, so the encounters stay as they were.
        var treatment = Generator(state: 19)
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
        func treatmentEvent(_ mrn: String, _ type: String, _ date: ServiceDate, system: String, code: String, daysSupply: Int? = nil) {
            serial += 1
            var resource: [String: Any] = [
                "resourceType": type, "id": "t\(serial)", "status": "completed",
                "identifier": [["system": "urn:demo:pharmacy", "value": "DEMO-t\(serial)"]], "subject": ["identifier": ["value": mrn]],
            ]
            let coding: [String: Any] = ["coding": [["system": system, "code": code]]]
            switch type {
            case "Procedure": resource["performedDateTime"] = date.description; resource["code"] = coding
            case "MedicationAdministration": resource["effectiveDateTime"] = date.description; resource["medicationCodeableConcept"] = coding
            default: resource["whenHandedOver"] = date.description; resource["medicationCodeableConcept"] = coding
            }
            if let daysSupply { resource["daysSupply"] = ["value": daysSupply] }
            entries.append(["fullUrl": "urn:uuid:treatment-\(serial)", "resource": resource])
        }
        let rxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm", hcpcs = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
        let antidepressants = ["36437", "4493", "321988", "42347"]  // sertraline, fluoxetine, escitalopram, bupropion
        let intake = AntidepressantMedicationManagement.intakePeriod(for: period)
        let intakeDays = intake.upperBound.dayNumber - intake.lowerBound.dayNumber
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
                    let code = substanceUse[random.next(substanceUse.count)]
                    add(mrn, "AMB", start: event, end: nil, codes: [code])
                    if random.next(4) > 0 {
                        for offset in [2 + random.next(10), 16 + random.next(10), 30 + random.next(15)].prefix(1 + random.next(3)) {
                            add(mrn, "AMB", start: event.adding(days: offset)!, end: nil, codes: ["F10.20"])
                        }
                    }
                    // An SUD service (assessment, counseling) some days later; for alcohol or opioid use,
                    // often a medication: naltrexone, buprenorphine or the monthly naltrexone injection.
                    if treatment.next(2) == 0 {
                        treatmentEvent(mrn, "Procedure", event.adding(days: 1 + treatment.next(16))!, system: hcpcs, code: ["H0005", "H0004", "H0015"][treatment.next(3)])
                    }
                    if code.hasPrefix("F10") || code.hasPrefix("F11"), treatment.next(3) > 0 {
                        let day = event.adding(days: 3 + treatment.next(30))!
                        switch treatment.next(3) {
                        case 0: treatmentEvent(mrn, "MedicationAdministration", day, system: hcpcs, code: "J2315")
                        case 1: treatmentEvent(mrn, "MedicationDispense", day, system: rxNorm, code: "1819", daysSupply: 28)
                        default: treatmentEvent(mrn, "MedicationDispense", day, system: rxNorm, code: "7243", daysSupply: 30)
                        }
                    }
                }
                day += 45 + random.next(90)
            }
            // Antidepressant treatment for major depression, started in AMM's intake period (not for the
            // first four patients, whose story ends in today's care gaps).
            if index >= 4, treatment.next(2) == 0 {
                let start = intake.lowerBound.adding(days: treatment.next(intakeDays))!
                add(mrn, "AMB", start: start.adding(days: -treatment.next(20))!, end: nil, codes: [["F32.1", "F33.1", "F32.2"][treatment.next(3)]])
                let drug = antidepressants[treatment.next(antidepressants.count)]
                // Six months of refills, three, or one or two; each a few days early or late.
                let fills = [7, 7, 3, 3, 1, 2][treatment.next(6)]
                var day = start
                for _ in 0..<fills {
                    treatmentEvent(mrn, "MedicationDispense", day, system: rxNorm, code: drug, daysSupply: 30)
                    day = day.adding(days: 26 + treatment.next(9))!
                }
            }
            // Today's care gaps: the first four patients.
            if index == 3 {
                add(mrn, "AMB", start: today.adding(days: -25)!, end: nil, codes: ["F32.1"])
                treatmentEvent(mrn, "MedicationDispense", today.adding(days: -20)!, system: rxNorm, code: "36437", daysSupply: 30)
            }
            if index < 2 { add(mrn, "IMP", start: today.adding(days: -6)!, end: today.adding(days: -2 - index)!, codes: ["F32.2"]) }
            if index == 2 { add(mrn, "EMER", start: today.adding(days: -1)!, end: nil, codes: ["F41.0"]) }
        }
        return entries
    }
}
