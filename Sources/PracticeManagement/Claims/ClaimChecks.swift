import Foundation

/// The claim-level scrubber rules: pure, over the stored facts. Each finding is an error: a
/// claim that has one cannot be rendered as a file a payer would accept.
enum ClaimChecks {
    static func problems(_ facts: ClaimFacts, profile: BillingProfile?) -> [ClaimValidation] {
        var found: [ClaimValidation] = []
        func error(_ code: String, _ message: String, _ field: String) {
            found.append(ClaimValidation(severity: .error, code: code, message: message, field: field))
        }
        if profile == nil {
            error("BILLING_PROFILE_MISSING", "The organization has no billing profile (NPI, EIN, billing address, submitter, receiver).",
                  "billing_profile")
        }
        let claim = facts.detail.claim
        for (index, line) in facts.detail.lines.enumerated() {
            if line.amountCents == nil || line.unitRateCents == nil {
                error("LINE_NOT_PRICED", "Line \(line.lineNumber) (\(line.procedureCode)) has no rate or amount: the fee schedule or band has no price for it.",
                      "lines[\(index)].amount_cents")
            }
            // A void carries voided charges by design; any other claim billing one is stale.
            if line.chargeStatus != "active", claim.frequencyCode != ClaimFrequency.void.rawValue {
                error("CHARGE_VOIDED", "Line \(line.lineNumber)'s charge was voided after the claim was built; correct the claim (replace or void).",
                      "lines[\(index)].charge_id")
            }
        }
        if facts.patientFacts.diagnosisCodes.isEmpty {
            error("MISSING_DIAGNOSIS", "The patient has no diagnosis code; a claim needs at least one.", "patient.diagnosis_codes")
        }
        if facts.patientFacts.sex == nil {
            error("MISSING_PATIENT_SEX", "The patient's sex (F, M or U) is not recorded.", "patient.sex")
        }
        if !facts.patientFacts.hasAddress {
            error("MISSING_PATIENT_ADDRESS", "The patient's address (line 1, city, state, ZIP) is not recorded.", "patient.address")
        }
        if facts.memberID == nil {
            error("MISSING_COVERAGE", "The patient has no active coverage by this claim's payer on the date of service (no member id).",
                  "coverage.member_id")
        }
        return found
    }
}
