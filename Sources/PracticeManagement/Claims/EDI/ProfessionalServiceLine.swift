/// Loop 2400: one procedure on one date.
public struct ProfessionalServiceLine: Sendable, Equatable {
    /// CPT or HCPCS, five characters.
    public var procedureCode: String
    /// Up to four two-character modifiers, in billing order.
    public var modifiers: [String]
    /// Money is cents in the model; the file carries decimals (12550 becomes `125.5`).
    public var chargeCents: Int
    public var units: Int
    /// SV105, written only when it differs from the claim's place of service.
    public var placeOfService: PlaceOfService?
    /// 1 to 4 one-based positions in the claim's `diagnosisCodes`, most relevant first.
    public var diagnosisPointers: [Int]
    /// `YYYY-MM-DD`, not after the interchange's creation date.
    public var serviceDate: String
    /// REF*6R, our line id, which the payer echoes per line on the 835 so payments post to the right line.
    public var lineControlNumber: String?

    public init(
        procedureCode: String, modifiers: [String] = [], chargeCents: Int, units: Int = 1, placeOfService: PlaceOfService? = nil,
        diagnosisPointers: [Int] = [1], serviceDate: String, lineControlNumber: String? = nil
    ) {
        self.procedureCode = procedureCode
        self.modifiers = modifiers
        self.chargeCents = chargeCents
        self.units = units
        self.placeOfService = placeOfService
        self.diagnosisPointers = diagnosisPointers
        self.serviceDate = serviceDate
        self.lineControlNumber = lineControlNumber
    }
}
