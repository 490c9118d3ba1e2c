import Foundation
import PracticeManagement
import Testing

@Suite("837P validation before rendering")
struct ProfessionalClaimEDIValidationTests {
    typealias Fixtures = ProfessionalClaimFixtures

    /// One defect each, and the field its refusal must name.
    enum Defect: String, CaseIterable, CustomTestStringConvertible {
        case billingNPICheckDigit, renderingNPICheckDigit, replacementWithoutOriginal, voidWithoutOriginal, originalWithReference
        case noLines, fiftyOneLines, noDiagnosis, thirteenDiagnoses, pointerPastDiagnoses, fiveModifiers
        case delimiterInName, nonLatinName, billingZipWithoutPlusFour, shortEIN, threeLetterState
        case impossibleBirthDate, serviceAfterInterchange, longPatientControlNumber, noClaims, tenDigitControlNumber

        var testDescription: String { rawValue }

        var path: String {
            switch self {
            case .billingNPICheckDigit: "billingProvider.npi"
            case .renderingNPICheckDigit: "claims[0].renderingProvider.npi"
            case .replacementWithoutOriginal, .voidWithoutOriginal, .originalWithReference: "claims[0].originalPayerClaimControlNumber"
            case .noLines, .fiftyOneLines: "claims[0].lines"
            case .noDiagnosis, .thirteenDiagnoses: "claims[0].diagnosisCodes"
            case .pointerPastDiagnoses: "claims[0].lines[0].diagnosisPointers"
            case .fiveModifiers: "claims[0].lines[0].modifiers"
            case .delimiterInName, .nonLatinName: "claims[0].subscriber.lastName"
            case .billingZipWithoutPlusFour: "billingProvider.address.postalCode"
            case .shortEIN: "billingProvider.employerIdentificationNumber"
            case .threeLetterState: "claims[0].subscriber.address.state"
            case .impossibleBirthDate: "claims[0].subscriber.dateOfBirth"
            case .serviceAfterInterchange: "claims[0].lines[0].serviceDate"
            case .longPatientControlNumber: "claims[0].patientControlNumber"
            case .noClaims: "claims"
            case .tenDigitControlNumber: "interchange.controlNumber"
            }
        }

        func apply(to batch: inout ProfessionalClaimBatch) {
            switch self {
            case .billingNPICheckDigit: batch.billingProvider.npi = "1234567890"
            case .renderingNPICheckDigit:
                batch.claims[0].renderingProvider = RenderingProvider(lastName: "Hale", firstName: "Marcus", npi: "1987654321")
            case .replacementWithoutOriginal: batch.claims[0].frequency = .replacement
            case .voidWithoutOriginal: batch.claims[0].frequency = .void
            case .originalWithReference: batch.claims[0].originalPayerClaimControlNumber = "PAYER-ICN-1"
            case .noLines: batch.claims[0].lines = []
            case .fiftyOneLines: batch.claims[0].lines = Array(repeating: Fixtures.line(), count: 51)
            case .noDiagnosis: batch.claims[0].diagnosisCodes = []
            case .thirteenDiagnoses: batch.claims[0].diagnosisCodes = (10...22).map { "F\($0)" }
            case .pointerPastDiagnoses: batch.claims[0].lines[0].diagnosisPointers = [1, 3]
            case .fiveModifiers: batch.claims[0].lines[0].modifiers = ["HQ", "95", "GT", "U4", "HO"]
            case .delimiterInName: batch.claims[0].subscriber.lastName = "O*Brien"
            case .nonLatinName: batch.claims[0].subscriber.lastName = "李"
            case .billingZipWithoutPlusFour: batch.billingProvider.address.postalCode = "85004"
            case .shortEIN: batch.billingProvider.employerIdentificationNumber = "86-123456"
            case .threeLetterState: batch.claims[0].subscriber.address.state = "ARZ"
            case .impossibleBirthDate: batch.claims[0].subscriber.dateOfBirth = "1990-02-30"
            case .serviceAfterInterchange: batch.claims[0].lines[0].serviceDate = "2025-01-16"
            case .longPatientControlNumber: batch.claims[0].patientControlNumber = String(repeating: "9", count: 39)
            case .noClaims: batch.claims = []
            case .tenDigitControlNumber: batch.interchange.controlNumber = 1_000_000_000
            }
        }
    }

    @Test("each refusal names the field", arguments: Defect.allCases)
    func refusalNamesField(defect: Defect) throws {
        // setup
        var batch = Fixtures.batch([Fixtures.claim()])
        #expect(throws: Never.self) { try ProfessionalClaimEDI.render(batch) }
        defect.apply(to: &batch)
        // MUT
        let error = #expect(throws: ProfessionalClaimEDIError.self) { try ProfessionalClaimEDI.render(batch) }
        // validate
        guard case let .invalidField(path, reason) = error else { return }
        #expect(path == defect.path, "\(reason)")
        #expect(!reason.isEmpty)
    }

    @Test("a wrong NPI check digit is refused with the reason; the valid NPI one digit away is accepted")
    func npiCheckDigit() throws {
        var batch = Fixtures.batch([Fixtures.claim()])
        batch.billingProvider.npi = "1234567894"
        #expect(throws: ProfessionalClaimEDIError.invalidField(path: "billingProvider.npi", reason: "must be 10 digits with a valid check digit")) {
            try ProfessionalClaimEDI.render(batch)
        }
        batch.billingProvider.npi = "1234567893"
        #expect(throws: Never.self) { try ProfessionalClaimEDI.render(batch) }
    }

    @Test("a replacement without the payer's claim number says why it is needed")
    func replacementNeedsOriginal() {
        let batch = Fixtures.batch([Fixtures.claim(frequency: .replacement, original: "  ")])
        #expect(throws: ProfessionalClaimEDIError.invalidField(
            path: "claims[0].originalPayerClaimControlNumber",
            reason: "is required for a replacement (7) or void (8): it names the payer's claim acted on")) {
            try ProfessionalClaimEDI.render(batch)
        }
    }

    @Test("a delimiter in free text is refused, not stripped, and the refusal shows the character")
    func delimiterRefused() {
        var batch = Fixtures.batch([Fixtures.claim()])
        batch.billingProvider.address.line1 = "100 N Central Ave~Suite 200"
        #expect(throws: ProfessionalClaimEDIError.invalidField(
            path: "billingProvider.address.line1", reason: "contains \"~\", which is an X12 delimiter")) {
            try ProfessionalClaimEDI.render(batch)
        }
    }

    @Test("the second claim's refusal names its index")
    func secondClaimIndexed() {
        var batch = Fixtures.twoClaimBatch()
        batch.claims[1].lines[1].procedureCode = "9083"
        let error = #expect(throws: ProfessionalClaimEDIError.self) { try ProfessionalClaimEDI.render(batch) }
        guard case let .invalidField(path, _) = error else { return }
        #expect(path == "claims[1].lines[1].procedureCode")
    }
}
