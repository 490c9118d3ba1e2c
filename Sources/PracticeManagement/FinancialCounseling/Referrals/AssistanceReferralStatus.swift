/// Where a patient's assistance-program application stands. The lifecycle runs
/// identified → referred → application_submitted → approved | denied, and may be withdrawn at
/// any point before a decision; approved, denied and withdrawn are final.
public enum AssistanceReferralStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The counselor sees the patient may qualify.
    case identified
    /// The patient has been referred to the program.
    case referred
    /// The program has the patient's application.
    case applicationSubmitted = "application_submitted"
    /// The program granted coverage (a policy is linked).
    case approved
    /// The program refused the application.
    case denied
    /// The patient or counselor stopped pursuing it.
    case withdrawn

    /// The statuses this one may move to; anything else is answered with 409.
    public var legalNextStates: [AssistanceReferralStatus] {
        switch self {
        case .identified: [.referred, .withdrawn]
        case .referred: [.applicationSubmitted, .withdrawn]
        case .applicationSubmitted: [.approved, .denied, .withdrawn]
        case .approved, .denied, .withdrawn: []
        }
    }

    /// Whether moving to `next` is legal.
    public func canTransition(to next: AssistanceReferralStatus) -> Bool {
        legalNextStates.contains(next)
    }

    /// Whether no move leaves this status.
    public var isFinal: Bool { legalNextStates.isEmpty }
}
