/// Why a batch cannot be rendered. Raised before any output is produced.
public enum ProfessionalClaimEDIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `path` names the field as the model spells it, e.g. `claims[0].billingProvider.npi`.
    case invalidField(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidField(path, reason): "\(path): \(reason)"
        }
    }
}
