import Foundation

extension ProfessionalServiceLine {
    func validated(at path: String, diagnosisCount: Int, createdOn: String) throws(ProfessionalClaimEDIError) -> ProfessionalServiceLine {
        var line = self
        line.procedureCode = procedureCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard line.procedureCode.count == 5, line.procedureCode.allSatisfy(\.isASCIIAlphanumeric) else {
            throw .invalidField(path: "\(path).procedureCode", reason: "must be a five-character CPT or HCPCS code")
        }
        guard modifiers.count <= ProfessionalClaimBatch.maximumModifiers else {
            throw .invalidField(path: "\(path).modifiers", reason: "must hold at most \(ProfessionalClaimBatch.maximumModifiers) modifiers")
        }
        for (index, modifier) in modifiers.enumerated() {
            line.modifiers[index] = modifier.trimmingCharacters(in: .whitespaces).uppercased()
            guard line.modifiers[index].count == 2, line.modifiers[index].allSatisfy(\.isASCIIAlphanumeric) else {
                throw .invalidField(path: "\(path).modifiers[\(index)]", reason: "must be a two-character modifier")
            }
        }
        guard (0...ProfessionalClaimBatch.maximumLineChargeCents).contains(chargeCents) else {
            throw .invalidField(path: "\(path).chargeCents", reason: "must be zero or more cents, below 10 billion")
        }
        guard (1...9999).contains(units) else { throw .invalidField(path: "\(path).units", reason: "must be 1 to 9999") }
        line.placeOfService = try placeOfService?.validated(at: "\(path).placeOfService")
        guard (1...ProfessionalClaimBatch.maximumPointers).contains(diagnosisPointers.count) else {
            throw .invalidField(path: "\(path).diagnosisPointers", reason: "must hold 1 to \(ProfessionalClaimBatch.maximumPointers) diagnosis pointers")
        }
        guard diagnosisPointers.allSatisfy({ (1...diagnosisCount).contains($0) }) else {
            throw .invalidField(path: "\(path).diagnosisPointers", reason: "must point at the claim's diagnoses, 1 to \(diagnosisCount)")
        }
        guard Set(diagnosisPointers).count == diagnosisPointers.count else {
            throw .invalidField(path: "\(path).diagnosisPointers", reason: "must not repeat a diagnosis")
        }
        line.serviceDate = try X12Field.date(serviceDate, at: "\(path).serviceDate")
        guard line.serviceDate <= createdOn else {
            throw .invalidField(path: "\(path).serviceDate", reason: "must not be after the interchange date")
        }
        line.lineControlNumber = try X12Field.optionalIdentifier(lineControlNumber, at: "\(path).lineControlNumber", length: 1...50)
        return line
    }
}
