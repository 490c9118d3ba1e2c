import Clinical
import Foundation
import Platform
import Testing

@Suite("Quality value sets")
struct ValueSetTests {
    @Test("the defaults, matched by ICD-10-CM category and any more specific code", arguments: [
        (ValueSetName.mentalIllness, "F32.1", true), (.mentalIllness, "F20", true), (.mentalIllness, "f43.10", true),
        (.mentalIllness, "F10.20", false), (.mentalIllness, "F03.90", false), (.mentalIllness, "F70", false), (.mentalIllness, "F99", true),
        (.intentionalSelfHarm, "X78.0XXA", true), (.intentionalSelfHarm, "T14.91XA", true), (.intentionalSelfHarm, "T14.90", false),
        (.mentalHealthDiagnosis, "F01.50", true), (.mentalHealthDiagnosis, "F11.20", false),
        (.alcoholAndOtherDrug, "F10.20", true), (.alcoholAndOtherDrug, "F17.210", false), (.alcoholAndOtherDrug, "F19.10", true),
    ])
    func defaults(name: ValueSetName, code: String, member: Bool) {
        #expect(QualityValueSets([])[name].contains(code) == member)
    }

    @Test("a loaded list replaces its default and leaves the others")
    func loadedReplaces() {
        let sets = QualityValueSets([QualityValueSet(name: .mentalIllness, codes: ["F32.1"], isDefault: false)])
        #expect(sets[.mentalIllness].contains("F32.1"))
        #expect(!sets[.mentalIllness].contains("F33.0"))
        #expect(sets[.alcoholAndOtherDrug].isDefault)
        let flags = sets.classify(principal: "F33.0", all: ["F33.0", "F10.20"])
        #expect(!flags.principalMentalIllness)
        #expect(flags.substanceUse)
    }

    @Test("the CSV takes the product's keys or HEDIS names and skips other code systems")
    func parse() throws {
        let csv = """
            value_set,code_system,code
            Mental Illness,ICD10CM,F32.1
            mental_illness,http://hl7.org/fhir/sid/icd-10-cm,F33.0
            Mental Illness,CPT,90832
            alcohol_and_other_drug,ICD10CM,F10.20
            """
        let (codes, skipped) = try ValueSetStore.parse(csv)
        #expect(codes[.mentalIllness]?.map(\.code).sorted() == ["F321", "F330"])
        #expect(codes[.alcoholAndOtherDrug]?.map(\.code) == ["F1020"])
        #expect(skipped == 1)
    }

    @Test("a bad CSV is refused naming the line and column", arguments: [
        ("code,system\nF32,ICD10CM", "line 1"),
        ("value_set,code_system,code\nMental Illness,ICD10CM", "line 2"),
        ("value_set,code_system,code\nDepression,ICD10CM,F32", "line 2: value_set"),
        ("value_set,code_system,code\nmental_illness,ICD10CM,F32\nmental_illness,ICD10CM,32-F", "line 3: code"),
        ("value_set,code_system,code\nmental_illness,CPT,90832", "code_system"),
    ])
    func refusals(csv: String, field: String) {
        #expect(throws: DomainError.self) { try ValueSetStore.parse(csv) }
        do { _ = try ValueSetStore.parse(csv) } catch let error as DomainError { #expect(error.field == field) } catch { Issue.record("\(error)") }
    }

    @Test("major depression: F32.0–F32.5, F32.9 and F33, not other depressive episodes or depression unspecified", arguments: [
        ("F32.0", true), ("F32.5", true), ("F32.9", true), ("F33.1", true), ("F33.41", true), ("F33.9", true),
        ("F32.81", false), ("F32.89", false), ("F32.A", false), ("F34.1", false),
    ])
    func majorDepression(code: String, member: Bool) {
        #expect(QualityValueSets([])[.majorDepression].contains(code) == member)
        #expect(QualityValueSets([]).classify(principal: nil, all: [code]).majorDepression == member)
    }

    @Test("medication and procedure codes match exactly in their own system", arguments: [
        (ValueSetName.antidepressantMedication, ClinicalCodeSystem.rxNorm, "36437", true), (.antidepressantMedication, .rxNorm, "364370", false),
        (.antidepressantMedication, .rxNorm, "3643", false), (.antidepressantMedication, .ndc, "36437", false),
        (.sudTreatmentProcedure, .hcpcs, "h0005", true), (.sudTreatmentProcedure, .hcpcs, "G2074", true), (.sudTreatmentProcedure, .cpt, "H0005", false),
        (.sudMedication, .rxNorm, "7243", true), (.longActingSudMedication, .hcpcs, "J2315", true), (.longActingSudMedication, .hcpcs, "J2310", false),
    ])
    func exactCodes(name: ValueSetName, system: ClinicalCodeSystem, code: String, member: Bool) {
        #expect(QualityValueSets([])[name].contains(system: system, code: code) == member)
    }

    @Test("an NDC in any hyphenated layout is the 11-digit 5-4-2 code; an unhyphenated 10-digit NDC is ambiguous", arguments: [
        ("0093-7198-56", "00093719856" as String?), ("00093-7198-56", "00093719856"), ("00093719856", "00093719856"),
        ("12345-678-90", "12345067890"), ("12345-6789-1", "12345678901"), ("0093719856", nil), ("0093-7198", nil), ("ABCDE-1234-56", nil),
    ])
    func ndc(code: String, normalized: String?) {
        #expect(ValueSetCode(system: .ndc, code: code)?.code == normalized)
    }

    @Test("the CSV loads antidepressants as RxNorm or NDC rows and refuses a malformed NDC naming the line")
    func medicationCSV() throws {
        let (codes, skipped) = try ValueSetStore.parse("""
            value_set,code_system,code
            Antidepressant Medications,NDC,0093-7198-56
            antidepressant_medication,http://www.nlm.nih.gov/research/umls/rxnorm,312940
            antidepressant_medication,ICD10CM,F32.1
            sud_treatment_procedure,HCPCS,H0020
            """)
        #expect(codes[.antidepressantMedication] == [ValueSetCode(system: .ndc, code: "00093719856")!, ValueSetCode(system: .rxNorm, code: "312940")!])
        #expect(codes[.sudTreatmentProcedure] == [ValueSetCode(system: .hcpcs, code: "H0020")!])
        #expect(skipped == 1)
        do {
            _ = try ValueSetStore.parse("value_set,code_system,code\nantidepressant_medication,NDC,0093719856")
            Issue.record("accepted")
        } catch let error as DomainError { #expect(error.field == "line 2: code") }
    }

    @Test("the documented CSV pattern is the file the server loads", arguments: [
        ("value_set,code_system,code\nmental_illness,ICD10CM,F32", true),
        ("value_set,code_system,code\r\nMENTAL ILLNESS,icd10cm,f32.1\r\n\r\n", true),
        ("value_set,code_system,code\n\"Intentional Self-Harm\",\"http://hl7.org/fhir/sid/icd-10-cm\",\"X71.0XXA\"", true),
        ("value_set,code_system,code\nIntentional Self-Harm,urn:oid:2.16.840.1.113883.6.90,X710XXA", true),
        ("value_set,code_system,code\nalcohol_and_other_drug,CPT,90832\nalcohol_and_other_drug,ICD10CM,F10.20", true),
        ("value_set,code_system,code\nmental_illness,ICD10CM,F32\n\nmental_illness,ICD10CM,F33", false),
        ("value_set,code_system,code\nmental_illness,ICD10CM,F32\nmental_illness,WHATEVER,123", false),
        ("Value_Set, code_system ,code\nmental_illness,ICD10CM,F32", false),
        ("value_set,code_system,code\nmental_illness,ICD10CM,F32\r", false),
    ])
    func pattern(csv: String, loads: Bool) {
        #expect(ValueSetCSVFormat.matches(csv) == loads)
        #expect(((try? ValueSetStore.parse(csv)) != nil) == loads, "the parser agrees with the pattern")
    }
}
